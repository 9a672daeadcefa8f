using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>pair_equal</c> (Great Expectations' <c>expect_column_pair_values_to_be_equal</c>): in each row A equals B (numbers by value).</summary>
public sealed class PairEqualCheck(CheckSpec spec, IgnoreRowIf ignore) : ColumnPairCheck(spec, ignore)
{
    public override string Description => $"'{ColumnA}' equals '{ColumnB}' in each row";

    protected override bool Expected(RowBatch batch, int index, bool aMissing, bool bMissing) =>
        !aMissing && !bMissing && Compare(batch, index, dates: false) == 0;
}
