using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>unique_within_record</c> (Great Expectations' <c>expect_select_column_values_to_be_unique_within_record</c>):
/// in each row, the listed columns hold different values; two equal rows are fine. As GX's pandas engine counts
/// values (<c>nunique(dropna=False)</c>), two missing cells in a row are equal to each other. <c>ignore_row_if</c>
/// leaves rows out of the denominator: <c>all_values_are_missing</c> (GX's default), <c>any_value_is_missing</c> or
/// <c>never</c>.
/// </summary>
public sealed class UniqueWithinRecordCheck(CheckSpec spec, IgnoreRowIf ignore) : RowCheck(spec, ignore)
{
    public override string Description => $"values of ({string.Join(", ", Spec.Columns)}) differ within each row";

    protected override string UnexpectedRows => "repeat a value within the row";

    protected override string AllExpected(long rows) => string.Create(CultureInfo.InvariantCulture, $"all {rows} rows hold different values in these columns");

    /// <summary>The column whose cell repeats an earlier listed cell of the row, or null when all differ.</summary>
    protected override int? Unexpected(RowBatch batch, int index)
    {
        for (var b = 1; b < Indices.Length; b++)
        {
            var bMissing = batch.Missing(Indices[b])[index];
            for (var a = 0; a < b; a++)
            {
                var aMissing = batch.Missing(Indices[a])[index];
                if (aMissing && bMissing)
                {
                    return Indices[b];
                }

                if (!aMissing && !bMissing && batch.TextAt(index, Indices[a]).SequenceEqual(batch.TextAt(index, Indices[b])))
                {
                    return Indices[b];
                }
            }
        }

        return null;
    }
}
