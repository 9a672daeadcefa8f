namespace MlOps.Gates.Data;

/// <summary>One column of a <see cref="RowBatch"/> as text: each cell is a slice of a shared character buffer.</summary>
public readonly ref struct TextColumn(char[] buffer, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths)
{
    private readonly ReadOnlySpan<int> _starts = starts;
    private readonly ReadOnlySpan<int> _lengths = lengths;

    public int Count => _starts.Length;

    public ReadOnlySpan<char> this[int index] => buffer.AsSpan(_starts[index], _lengths[index]);

    public int LengthAt(int index) => _lengths[index];
}
