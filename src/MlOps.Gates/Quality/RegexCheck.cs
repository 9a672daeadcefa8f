using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>regex</c>: each value contains a match of the pattern (a search, as Great Expectations does; anchor with ^ and $).</summary>
public sealed class RegexCheck(CheckSpec spec, string pattern, bool negate) : ColumnMapCheck(spec)
{
    private readonly ValueMatcher _matcher = new(pattern);

    public override string Description => $"values of '{ColumnName}' {(negate ? "do not match" : "match")} /{pattern}/";

    protected override string? Note => _matcher.TimedOut == 0
        ? null
        : $"{_matcher.TimedOut} values could not be matched within {ValueMatcher.MatchLimit.TotalSeconds:0} s each and count as unexpected";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            if (!missing[i])
            {
                unexpected[i] = _matcher.IsMatch(texts[i]) is not { } matched || matched == negate;
            }
        }
    }
}
