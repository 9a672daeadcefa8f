using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>between</c>: each value is a number in the range; text, NaN and values outside are unexpected.</summary>
public sealed class BetweenCheck(CheckSpec spec, Range range) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are in {range}";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var numbers = batch.Numbers(column);
        var values = numbers.Values;
        var isNumber = numbers.IsNumber;
        var (low, high) = range.Bounds();
        for (var i = 0; i < unexpected.Length; i++)
        {
            var value = values[i];
            unexpected[i] = !missing[i] && !(isNumber[i] && value >= low && value <= high);
        }
    }
}
