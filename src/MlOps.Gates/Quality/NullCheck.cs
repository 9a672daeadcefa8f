using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>is_null</c>: values are missing (Great Expectations' <c>expect_column_values_to_be_null</c>); a present value is
/// unexpected and every row counts, so <c>mostly</c> is the share of all rows that must be missing.
/// </summary>
public sealed class NullCheck(CheckSpec spec) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are null";

    protected override bool JudgesEveryRow => true;

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i];
        }
    }
}
