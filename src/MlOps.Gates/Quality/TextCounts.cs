using System.Runtime.InteropServices;

namespace MlOps.Gates.Quality;

/// <summary>
/// How often each present text occurs, counted without a string for a text already seen (a categorical column repeats
/// a few texts millions of times); the set checks turn the texts into their comparison keys once, at the end.
/// </summary>
internal sealed class TextCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextCounts() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
#endif

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Add(ReadOnlySpan<char> text)
    {
#if NET9_0_OR_GREATER
        CollectionsMarshal.GetValueRefOrAddDefault(_lookup, text, out _)++;
#else
        var key = text.ToString();
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
#endif
    }

    /// <summary>The counts by comparison key, with each key's observed form (texts that compare equal add up).</summary>
    public Dictionary<string, (object Observed, long Count)> ByKey(SetValues values)
    {
        var byKey = new Dictionary<string, (object Observed, long Count)>(StringComparer.Ordinal);
        foreach (var (text, count) in _counts)
        {
            var (key, observed) = values.Key(text);
            byKey[key] = byKey.TryGetValue(key, out var known) ? (known.Observed, known.Count + count) : (observed, count);
        }

        return byKey;
    }
}
