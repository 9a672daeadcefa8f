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
    private long _elements;
    private long _missing;
    private long _unexpected;

    /// <summary>Whether missing values are the unexpected ones (not_null) rather than left out.</summary>
    protected virtual bool CountsMissingAsUnexpected => false;

    public override void Observe(RowView row)
    {
        _elements++;
        var column = ColumnIndex;
        if (row.IsNull(column))
        {
            _missing++;
            if (CountsMissingAsUnexpected)
            {
                Unexpected(row, column);
            }

            return;
        }

        if (!CountsMissingAsUnexpected && !IsExpected(row, column))
        {
            Unexpected(row, column);
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var denominator = CountsMissingAsUnexpected ? _elements : _elements - _missing;
        var percent = denominator == 0 ? 0.0 : 100.0 * _unexpected / denominator;
        var mostly = Spec.Mostly ?? 1.0;
        var success = denominator == 0 || (double)(denominator - _unexpected) / denominator >= mostly;
        var message = _unexpected == 0
            ? denominator == 0 ? "no non-missing values: passes vacuously" : $"all {denominator} values as expected"
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} values ({percent:0.###}%) unexpected{(Spec.Mostly is null ? string.Empty : $", mostly {mostly:0.###} needs at most {Math.Floor((1 - mostly) * denominator + 1e-9)}")}{FirstAt()}");
        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = _partial,
        };
    }

    protected abstract bool IsExpected(RowView row, int column);

    private void Unexpected(RowView row, int column)
    {
        _unexpected++;
        if (_partial.Count < MaxPartialUnexpected)
        {
            _partial.Add(new UnexpectedValue(row.IsNull(column) ? null : Clip(row.Text(column)), row.Row, row.Locate(column)));
        }
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
