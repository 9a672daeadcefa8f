using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>length_between</c>: each value's length in characters (Unicode scalar values) is in the range.</summary>
public sealed class LengthCheck(CheckSpec spec, Range range) : ColumnMapCheck(spec)
{
    public override string Description => $"lengths of '{ColumnName}' are in {range}";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        var (low, high) = range.Bounds();
        for (var i = 0; i < unexpected.Length; i++)
        {
            double length = Length(texts[i]);
            unexpected[i] = !missing[i] && !(length >= low && length <= high);
        }
    }

    /// <summary>Characters as Unicode scalar values: a surrogate pair counts once.</summary>
    private static int Length(ReadOnlySpan<char> text)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }

        return length;
    }
}
