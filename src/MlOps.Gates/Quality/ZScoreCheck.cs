using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>z_score_below</c> (Great Expectations' <c>expect_column_value_z_scores_to_be_less_than</c>): each value's
/// z-score, against the column's mean and sample standard deviation (pandas' <c>std</c>, one degree of freedom), is
/// below <c>threshold</c>, in absolute value when <c>double_sided</c>. Both are known only at the end of the pass, so
/// the check keeps each present value with where it was. A value that is not a number is unexpected; with every value
/// equal the z-scores are undefined and every value is unexpected, as in GX.
/// </summary>
public sealed class ZScoreCheck(CheckSpec spec, double threshold, bool doubleSided) : ColumnCheck(spec)
{
    private readonly List<(double Value, long Row, int Line, int Column)> _values = [];
    private readonly List<UnexpectedValue> _notNumbers = [];
    private long _elements;
    private long _missing;
    private long _notNumberCount;
    private string _file = string.Empty;

    public override string Description => $"z-scores of '{ColumnName}' are below {(doubleSided ? "±" : string.Empty)}{threshold.ToString(CultureInfo.InvariantCulture)}";

    public override void Observe(RowBatch batch)
    {
        var missing = batch.Missing(ColumnIndex);
        var numbers = batch.Numbers(ColumnIndex);
        _file = batch.File;
        _elements += batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            if (missing[i])
            {
                _missing++;
                continue;
            }

            var (line, column) = batch.LineAndColumn(i, ColumnIndex);
            if (!numbers.IsNumber[i])
            {
                _notNumberCount++;
                if (_notNumbers.Count < MaxPartialUnexpected)
                {
                    _notNumbers.Add(new UnexpectedValue(Clip(batch.TextAt(i, ColumnIndex)), batch.RowAt(i), batch.Locate(i, ColumnIndex)));
                }

                continue;
            }

            _values.Add((numbers.Values[i], batch.RowAt(i), line, column));
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        double mean = 0, m2 = 0;
        for (var k = 0; k < _values.Count; k++)
        {
            var delta = _values[k].Value - mean;
            mean += delta / (k + 1);
            m2 += delta * (_values[k].Value - mean);
        }

        var std = _values.Count > 1 ? Math.Sqrt(m2 / (_values.Count - 1)) : double.NaN;
        var unexpected = _notNumberCount;
        var partial = new List<UnexpectedValue>();
        foreach (var v in _values)
        {
            var z = (v.Value - mean) / std;
            if (doubleSided ? Math.Abs(z) < Math.Abs(threshold) : z < threshold)
            {
                continue;
            }

            unexpected++;
            if (partial.Count < MaxPartialUnexpected)
            {
                partial.Add(new UnexpectedValue(Numbers.Format(v.Value), v.Row, new SourceLocation(_file, v.Line, v.Column)));
            }
        }

        partial = [.. partial.Concat(_notNumbers).OrderBy(u => u.Row).Take(MaxPartialUnexpected)];
        var denominator = _elements - _missing;
        var percent = denominator == 0 ? 0.0 : 100.0 * unexpected / denominator;
        var success = denominator == 0 || (double)(denominator - unexpected) / denominator >= (Spec.Mostly ?? 1.0);
        var message = unexpected == 0
            ? string.Create(CultureInfo.InvariantCulture, $"all {denominator} values within the z-score bound (mean {mean:G6}, standard deviation {std:G6})")
            : string.Create(CultureInfo.InvariantCulture, $"{unexpected} of {denominator} values ({percent:0.###}%) unexpected (mean {mean:G6}, standard deviation {std:G6}); first: '{partial[0].Value}' in row {partial[0].Row}");
        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = partial,
        };
    }
}
