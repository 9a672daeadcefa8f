using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>not_null</c>: values are present; with <c>mostly</c>, the share of rows with a value.</summary>
public sealed class NotNullCheck(CheckSpec spec) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are not null";

    protected override bool CountsMissingAsUnexpected => true;

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
    }
}
