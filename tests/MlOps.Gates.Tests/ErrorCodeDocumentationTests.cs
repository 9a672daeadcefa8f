using System.Reflection;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Tests;

/// <summary>
/// One catalogue of codes: the README's table says what <see cref="ErrorCodes.Catalogue"/> says, every constant is in it,
/// and every code written anywhere in the sources, the MSBuild targets and tasks included, is either in it or a check's.
/// </summary>
public sealed partial class ErrorCodeDocumentationTests
{
    [Fact]
    public void The_readme_table_is_the_catalogue()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var documented = TableRow().Matches(readme).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        Assert.Equal(ErrorCodes.Catalogue.Select(e => (e.Code, e.Meaning)).OrderBy(e => e.Code), documented.OrderBy(e => e.Item1));
        Assert.Equal(documented.Count, documented.Select(d => d.Item1).Distinct().Count());
        var checks = Quality.CheckCatalog.Default.Kinds.Select(k => k.Code).Order().ToList();
        Assert.Contains($"| {checks[0]}-{checks[^1]} | a data-quality check failed (see the checks table) |", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_constant_is_in_the_catalogue()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(constants.Order(), ErrorCodes.Catalogue.Select(e => e.Code).Order());
    }

    [Fact]
    public void Every_code_written_in_the_sources_is_catalogued()
    {
        var known = ErrorCodes.Catalogue.Select(e => e.Code).Concat(Quality.CheckCatalog.Default.Kinds.Select(k => k.Code)).ToHashSet(StringComparer.Ordinal);
        var sources = Path.Combine(RepositoryRoot(), "src");
        var written = Directory.GetFiles(sources, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups[1].Value, File: Path.GetRelativePath(sources, f))))
            .ToList();

        Assert.DoesNotContain(written, w => !known.Contains(w.Code));
        foreach (var msbuild in new[] { ErrorCodes.GatesFileMissing, ErrorCodes.BadFailOn, ErrorCodes.CliFailed, ErrorCodes.ModelItemMissing, ErrorCodes.PromoteToMissing, ErrorCodes.Cancelled })
        {
            Assert.Contains(written, w => w.Code == msbuild && w.File.StartsWith("MlOps.Gates.MSBuild", StringComparison.Ordinal));
        }
    }

    private static string RepositoryRoot() => Repository.Root;

    [GeneratedRegex(@"^\| (MLG\d{4}) \| (.*) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"[""=](MLG\d{4})\b")]
    private static partial Regex CodeLiteral();
}
