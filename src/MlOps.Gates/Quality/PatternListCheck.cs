using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// A value against several patterns: <c>regex_list</c> and <c>like_list</c> (and <c>like</c>, a list of one) expect a
/// match of any pattern, or of all with <c>match_on: all</c>; the negated kinds (<c>not_regex_list</c>, <c>not_like</c>,
/// <c>not_like_list</c>) expect a match of none, as Great Expectations' <c>..._not_match_..._list</c> do. Regular
/// expressions search (as <c>re.search</c>); SQL LIKE patterns match the whole value.
/// </summary>
public sealed class PatternListCheck(CheckSpec spec, IReadOnlyList<string> shown, IReadOnlyList<string> regexes, string syntax, bool all, bool negate) : ColumnMapCheck(spec)
{
    private readonly ValueMatcher[] _matchers = regexes.Select(r => new ValueMatcher(r)).ToArray();

    public override string Description =>
        $"values of '{ColumnName}' {(negate ? "match none of" : all ? "match all of" : "match one of")} the {syntax} patterns {string.Join(", ", shown.Select(p => $"'{p}'"))}";

    protected override string? Note
    {
        get
        {
            var timedOut = _matchers.Sum(m => m.TimedOut);
            return timedOut == 0 ? null : $"{timedOut} matches could not be made within {ValueMatcher.MatchLimit.TotalSeconds:0} s each and count as unexpected";
        }
    }

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            if (missing[i])
            {
                continue;
            }

            var text = texts[i];
            var matched = 0;
            var judged = true;
            foreach (var matcher in _matchers)
            {
                switch (matcher.IsMatch(text))
                {
                    case true:
                        matched++;
                        break;
                    case null:
                        judged = false;
                        break;
                }
            }

            var expected = negate ? matched == 0 : all ? matched == _matchers.Length : matched > 0;
            unexpected[i] = !judged || !expected;
        }
    }
}
