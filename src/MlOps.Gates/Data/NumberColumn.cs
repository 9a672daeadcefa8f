namespace MlOps.Gates.Data;

/// <summary>One column of a <see cref="RowBatch"/> as numbers; <see cref="IsNumber"/> is false where a cell is missing or is not a number.</summary>
public readonly ref struct NumberColumn(ReadOnlySpan<double> values, ReadOnlySpan<bool> isNumber)
{
    public ReadOnlySpan<double> Values { get; } = values;

    public ReadOnlySpan<bool> IsNumber { get; } = isNumber;
}
