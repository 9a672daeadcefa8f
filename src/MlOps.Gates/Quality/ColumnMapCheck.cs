using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// A check that judges each value of a column on its own, with Great Expectations' counting: missing values are
/// left out of the denominator, <c>mostly</c> is the share of the rest that must pass, and a column with no
/// non-missing values passes.
/// </summary>
public abstract class ColumnMapCheck(CheckSpec spec) : ColumnCheck(spec)
{
    private readonly List<UnexpectedValue> _partial = [];
    private bool[] _unexpectedFlags = [];
    private long _elements;
    private long _missing;
    private long _unexpected;

    /// <summary>A sentence the result's message ends with, when the check has more to say.</summary>
    protected virtual string? Note => null;

    /// <summary>Whether missing values are the unexpected ones (not_null) rather than left out.</summary>
    protected virtual bool CountsMissingAsUnexpected => false;

    /// <summary>Whether every row is in the denominator, missing ones too (not_null, and null, for which they are the expected ones).</summary>
    protected virtual bool JudgesEveryRow => CountsMissingAsUnexpected;

    public override void Observe(RowBatch batch)
    {
        var column = ColumnIndex;
        var missing = batch.Missing(column);
        var missingCount = missing.Count(true);
        _elements += batch.Count;
        _missing += missingCount;
        if (CountsMissingAsUnexpected)
        {
            _unexpected += missingCount;
            Remember(batch, column, missing);
            return;
        }

        if (missingCount == batch.Count)
        {
            return;
        }

        if (_unexpectedFlags.Length < batch.Count)
        {
            _unexpectedFlags = new bool[batch.Count];
        }

        var unexpected = _unexpectedFlags.AsSpan(0, batch.Count);
        FindUnexpected(batch, column, missing, unexpected);
        var count = unexpected.Count(true);
        _unexpected += count;
        if (count > 0)
        {
            Remember(batch, column, unexpected);
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var denominator = JudgesEveryRow ? _elements : _elements - _missing;
        var percent = denominator == 0 ? 0.0 : 100.0 * _unexpected / denominator;
        var mostly = Spec.Mostly ?? 1.0;
        var success = denominator == 0 || (double)(denominator - _unexpected) / denominator >= mostly;
        var message = _unexpected == 0
            ? denominator == 0 ? "no non-missing values: passes vacuously" : $"all {denominator} values as expected"
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} values ({percent:0.###}%) unexpected{(Spec.Mostly is null ? string.Empty : $", mostly {mostly:0.###} needs at most {Math.Floor((1 - mostly) * denominator + 1e-9)}")}{FirstAt()}");
        if (Note is { } note)
        {
            message = $"{message}; {note}";
        }

        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = _partial,
        };
    }

    /// <summary>
    /// Marks in <paramref name="unexpected"/> (all false on entry) the rows of the batch whose value is not as expected;
    /// rows marked in <paramref name="missing"/> are left unmarked.
    /// </summary>
    protected abstract void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected);

    /// <summary>Keeps the first unexpected values for the report, up to the limit, in row order.</summary>
    private void Remember(RowBatch batch, int column, ReadOnlySpan<bool> marked)
    {
        if (_partial.Count >= MaxPartialUnexpected)
        {
            return;
        }

        var missing = batch.Missing(column);
        var texts = batch.Texts(column);
        for (var i = marked.IndexOf(true); i >= 0 && _partial.Count < MaxPartialUnexpected; i = NextMarked(marked, i))
        {
            _partial.Add(new UnexpectedValue(missing[i] ? null : Clip(texts[i]), batch.RowAt(i), batch.Locate(i, column)));
        }
    }

    private static int NextMarked(ReadOnlySpan<bool> marked, int after)
    {
        var next = marked[(after + 1)..].IndexOf(true);
        return next < 0 ? -1 : after + 1 + next;
    }

    private string FirstAt()
    {
        if (_partial.Count == 0)
        {
            return string.Empty;
        }

        var first = _partial[0];
        var value = first.Value is null ? "a missing value" : $"'{first.Value}'";
        return $"; first: {value} in row {first.Row}";
    }
}
