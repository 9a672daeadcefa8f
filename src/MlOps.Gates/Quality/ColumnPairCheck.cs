using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// A check of two columns, A and B, row by row, with Great Expectations' counting for column pairs: <c>ignore_row_if</c>
/// (<c>both_values_are_missing</c>, the default; <c>either_value_is_missing</c>; <c>neither</c>) leaves rows out, and a
/// missing value in a kept row is unexpected, as pandas compares NaN with nothing.
/// </summary>
public abstract class ColumnPairCheck(CheckSpec spec, IgnoreRowIf ignore) : RowCheck(spec, ignore)
{
    protected string ColumnA => Spec.Columns[0];

    protected string ColumnB => Spec.Columns[1];

    protected override string UnexpectedRows => "unexpected";

    /// <summary>Whether a kept row is as expected; a missing value comes as empty with its flag set.</summary>
    protected abstract bool Expected(RowBatch batch, int index, bool aMissing, bool bMissing);

    protected override int? Unexpected(RowBatch batch, int index)
    {
        var (a, b) = (Indices[0], Indices[1]);
        var aMissing = batch.Missing(a)[index];
        var bMissing = batch.Missing(b)[index];
        return Expected(batch, index, aMissing, bMissing)
            ? null
            : aMissing && !bMissing ? b : a;
    }

    protected override string AllExpected(long rows) => string.Create(CultureInfo.InvariantCulture, $"all {rows} rows as expected");

    /// <summary>The row's two present values compared as pandas compares them: as numbers when both are (read once by the batch), as date-times when asked and both are, else as text.</summary>
    protected int Compare(RowBatch batch, int index, bool dates)
    {
        var x = batch.Numbers(Indices[0]);
        var y = batch.Numbers(Indices[1]);
        if (x.IsNumber[index] && y.IsNumber[index])
        {
            return x.Values[index].CompareTo(y.Values[index]);
        }

        var a = batch.TextAt(index, Indices[0]);
        var b = batch.TextAt(index, Indices[1]);
        if (dates && DateTimes.TryParse(a, null, out var p) && DateTimes.TryParse(b, null, out var q))
        {
            return p.CompareTo(q);
        }

        return a.SequenceCompareTo(b);
    }
}
