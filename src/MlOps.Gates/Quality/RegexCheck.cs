using System.Text.RegularExpressions;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>regex</c>: each value contains a match of the pattern (a search, as Great Expectations does; anchor with ^ and $).</summary>
public sealed class RegexCheck(CheckSpec spec, Regex pattern, bool negate) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' {(negate ? "do not match" : "match")} /{pattern}/";

    protected override bool IsExpected(RowView row, int column) => pattern.IsMatch(row.Text(column)) != negate;

    /// <summary>Compiles without backtracking where the pattern allows, so a hostile value cannot hang the build.</summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }
}
