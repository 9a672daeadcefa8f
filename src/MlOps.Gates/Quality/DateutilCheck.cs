using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>dateutil_parseable</c> (Great Expectations' <c>expect_column_values_to_be_dateutil_parseable</c>): each value reads as a date-time as <see cref="Dateutil"/> decides.</summary>
public sealed class DateutilCheck(CheckSpec spec) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are date-times dateutil parses";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i] && !Dateutil.Parses(texts[i]);
        }
    }
}
