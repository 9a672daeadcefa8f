using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>between</c>: each value is a number in the range; text, NaN and values outside are unexpected.</summary>
public sealed class BetweenCheck(CheckSpec spec, Range range) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are in {range}";

    protected override bool IsExpected(RowView row, int column) =>
        row.TryGetDouble(column, out var value) && range.Contains(value);
}
