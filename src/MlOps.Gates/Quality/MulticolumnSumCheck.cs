using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>multicolumn_sum_equal</c> (Great Expectations' <c>expect_multicolumn_sum_to_equal</c>): in each row the columns
/// add up to <c>sum_total</c>, summed left to right as pandas' row-wise <c>sum(skipna=False)</c> does, so a missing
/// value in a kept row makes the row unexpected. <c>ignore_row_if</c>: <c>all_values_are_missing</c> (the default),
/// <c>any_value_is_missing</c> or <c>never</c>.
/// </summary>
public sealed class MulticolumnSumCheck(CheckSpec spec, IgnoreRowIf ignore, double total) : RowCheck(spec, ignore)
{
    public override string Description => $"({string.Join(" + ", Spec.Columns)}) is {total.ToString(CultureInfo.InvariantCulture)} in each row";

    protected override string UnexpectedRows => string.Create(CultureInfo.InvariantCulture, $"do not add up to {total}");

    protected override string AllExpected(long rows) => string.Create(CultureInfo.InvariantCulture, $"all {rows} rows add up to {total}");

    protected override int? Unexpected(RowBatch batch, int index)
    {
        var sum = 0.0;
        foreach (var column in Indices)
        {
            var cells = batch.Numbers(column);
            if (batch.Missing(column)[index] || !cells.IsNumber[index])
            {
                return column;
            }

            sum += cells.Values[index];
        }

        return sum == total ? null : Indices[0];
    }
}
