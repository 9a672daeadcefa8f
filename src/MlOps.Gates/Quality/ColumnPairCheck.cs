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
    protected abstract bool Expected(ReadOnlySpan<char> a, bool aMissing, ReadOnlySpan<char> b, bool bMissing);

    protected override int? Unexpected(RowBatch batch, int index)
    {
        var (a, b) = (Indices[0], Indices[1]);
        var aMissing = batch.Missing(a)[index];
        var bMissing = batch.Missing(b)[index];
        return Expected(aMissing ? default : batch.TextAt(index, a), aMissing, bMissing ? default : batch.TextAt(index, b), bMissing)
            ? null
            : aMissing && !bMissing ? b : a;
    }

    protected override string AllExpected(long rows) => string.Create(CultureInfo.InvariantCulture, $"all {rows} rows as expected");

    /// <summary>Two present values compared as pandas compares them: as numbers when both are, as date-times when asked and both are, else as text.</summary>
    protected static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool dates)
    {
        if (Numbers.TryParse(a, out var x) && Numbers.TryParse(b, out var y))
        {
            return x.CompareTo(y);
        }

        if (dates && DateTimes.TryParse(a, null, out var p) && DateTimes.TryParse(b, null, out var q))
        {
            return p.CompareTo(q);
        }

        return a.SequenceCompareTo(b);
    }
}
