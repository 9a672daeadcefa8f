using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>pair_greater</c> (Great Expectations' <c>expect_column_pair_values_a_to_be_greater_than_b</c>): in each row A is above B, or at least B with <c>or_equal</c>.</summary>
public sealed class PairGreaterCheck(CheckSpec spec, IgnoreRowIf ignore, bool orEqual, bool dates) : ColumnPairCheck(spec, ignore)
{
    public override string Description => $"'{ColumnA}' is {(orEqual ? "at least" : "above")} '{ColumnB}' in each row";

    protected override bool Expected(RowBatch batch, int index, bool aMissing, bool bMissing) =>
        !aMissing && !bMissing && Compare(batch, index, dates) is var order && (orEqual ? order >= 0 : order > 0);
}
