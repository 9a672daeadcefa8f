using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>length_between</c>: each value's length in characters (Unicode scalar values) is in the range.</summary>
public sealed class LengthCheck(CheckSpec spec, Range range) : ColumnMapCheck(spec)
{
    public override string Description => $"lengths of '{ColumnName}' are in {range}";

    protected override bool IsExpected(RowView row, int column)
    {
        var text = row.Text(column);
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }

        return range.Contains(length);
    }
}
