namespace MlOps.Gates.Evaluation;

/// <summary>
/// Gives each distinct text of a column a small integer code, in order of first appearance, and remembers where each
/// was first seen so an unknown class can be pointed at.
/// </summary>
internal sealed class CodeBook
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif
    private readonly List<string> _values = [];
    private readonly List<CellPosition> _firstSeen = [];

    // Codes of one-character ASCII values such as 0 and 1, the commonest labels, without hashing.
    private readonly int[] _ascii = Enumerable.Repeat(-1, 128).ToArray();

    public CodeBook()
    {
#if NET9_0_OR_GREATER
        _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    public IReadOnlyList<string> Values => _values;

    public int Count => _values.Count;

    public CellPosition FirstSeen(int code) => _firstSeen[code];

    public int Code(ReadOnlySpan<char> text, CellPosition where)
    {
        if (text.Length == 1 && text[0] < 128 && _ascii[text[0]] >= 0)
        {
            return _ascii[text[0]];
        }

#if NET9_0_OR_GREATER
        if (_lookup.TryGetValue(text, out var code))
        {
            return code;
        }
#else
        if (_codes.TryGetValue(text.ToString(), out var code))
        {
            return code;
        }
#endif
        var value = text.ToString();
        code = _values.Count;
        _codes[value] = code;
        _values.Add(value);
        _firstSeen.Add(where);
        if (text.Length == 1 && text[0] < 128)
        {
            _ascii[text[0]] = code;
        }

        return code;
    }
}
