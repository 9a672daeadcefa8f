using System.Text.RegularExpressions;

namespace MlOps.Gates.Quality;

/// <summary>
/// Matches a column's values against a pattern, cheaply for the common cases and safely for the hostile one.
/// Short values already seen are answered from a memo (categorical columns repeat a few values millions of times).
/// Matching starts on the backtracking interpreter, which costs nothing to build; once many distinct values have been
/// matched, or one match runs past the time limit, the pattern is rebuilt for the non-backtracking engine, whose time
/// is linear in the value. A pattern that engine cannot run (backreferences, lookarounds) stays on the interpreter,
/// and a value that exceeds the limit there is reported as not judged.
/// </summary>
internal sealed class ValueMatcher
{
    public static readonly TimeSpan MatchLimit = TimeSpan.FromSeconds(1);

    private const int MemoEntries = 4096;
    private const int MemoLength = 64;
    private const int DistinctBeforeLinear = 20_000;

    private readonly string _pattern;
    private readonly Dictionary<string, bool> _memo = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif
    private Regex _regex;
    private bool _linear;
    private bool _linearTried;
    private long _matched;

    /// <summary>Parses the pattern; an invalid one throws <see cref="ArgumentException"/>.</summary>
    public ValueMatcher(string pattern)
    {
        _pattern = pattern;
        _regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchLimit);
#if NET9_0_OR_GREATER
        _lookup = _memo.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    /// <summary>Values that could not be judged within <see cref="MatchLimit"/>.</summary>
    public long TimedOut { get; private set; }

    /// <summary>Whether the value contains a match; null when it could not be judged in time.</summary>
    public bool? IsMatch(ReadOnlySpan<char> text)
    {
#if NET9_0_OR_GREATER
        if (text.Length <= MemoLength && _lookup.TryGetValue(text, out var known))
        {
            return known;
        }
#endif
        var matched = Match(text);
#if NET9_0_OR_GREATER
        if (matched is { } verdict && text.Length <= MemoLength && _memo.Count < MemoEntries)
        {
            _lookup[text] = verdict;
        }
#endif
        return matched;
    }

    private bool? Match(ReadOnlySpan<char> text)
    {
        if (++_matched == DistinctBeforeLinear)
        {
            TryLinear();
        }

        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            if (!_linear && TryLinear())
            {
                return _regex.IsMatch(text);
            }

            TimedOut++;
            return null;
        }
    }

    private bool TryLinear()
    {
        if (_linearTried)
        {
            return _linear;
        }

        _linearTried = true;
        try
        {
            _regex = new Regex(_pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            _linear = true;
        }
        catch (NotSupportedException)
        {
        }

        return _linear;
    }
}
