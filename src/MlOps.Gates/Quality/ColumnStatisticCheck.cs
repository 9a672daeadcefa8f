using System.Globalization;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>min_between</c>, <c>max_between</c>, <c>mean_between</c>, <c>median_between</c>, <c>stdev_between</c> and
/// <c>quantile_between</c>: a statistic of a numeric column is in a range. Missing values are left out; text, NaN and
/// infinities are unexpected and fail the check, since the statistic would mean nothing. The standard deviation is
/// the sample one (n - 1), the median averages the middle pair, and quantiles take the nearest rank by default
/// (pandas' <c>interpolation="nearest"</c>, as Great Expectations uses) or interpolate linearly.
/// </summary>
public sealed class ColumnStatisticCheck : ColumnCheck
{
    private readonly Statistic _statistic;
    private readonly Range? _range;
    private readonly IReadOnlyList<QuantileBound> _quantiles;
    private readonly bool _linear;
    private readonly List<double>? _values;
    private readonly List<UnexpectedValue> _partial = [];
    private long _elements;
    private long _missing;
    private long _unexpected;
    private long _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _shift;
    private bool _shifted;
    private double _mean;
    private double _m2;

    public ColumnStatisticCheck(CheckSpec spec, Statistic statistic, Range? range, IReadOnlyList<QuantileBound>? quantiles = null, bool linear = false)
        : base(spec)
    {
        _statistic = statistic;
        _range = range;
        _quantiles = quantiles ?? [];
        _linear = linear;
        if (statistic is Statistic.Median or Statistic.Quantile)
        {
            _values = [];
        }
    }

    public override string Description => _statistic == Statistic.Quantile
        ? $"quantiles of '{ColumnName}': {string.Join("; ", _quantiles.Select(q => $"q{Range.Format(q.Quantile)} in {q.Range}"))}"
        : $"the {Name} of '{ColumnName}' is in {_range}";

    private string Name => _statistic switch
    {
        Statistic.StandardDeviation => "standard deviation",
        _ => _statistic.ToString().ToLowerInvariant(),
    };

    public override void Observe(RowBatch batch)
    {
        var column = ColumnIndex;
        var missing = batch.Missing(column);
        var numbers = batch.Numbers(column);
        var values = numbers.Values;
        var isNumber = numbers.IsNumber;
        _elements += batch.Count;
        var moments = _statistic is Statistic.Mean or Statistic.StandardDeviation or Statistic.Sum;
        var (count, min, max) = (_count, _min, _max);
        for (var i = 0; i < values.Length; i++)
        {
            if (missing[i])
            {
                _missing++;
                continue;
            }

            var value = values[i];
            if (!isNumber[i] || !double.IsFinite(value))
            {
                Unexpected(batch, column, i);
                continue;
            }

            count++;
            if (value < min)
            {
                min = value;
            }

            if (value > max)
            {
                max = value;
            }

            _values?.Add(value);
        }

        if (moments && count > _count)
        {
            AddMoments(values, missing, isNumber, count - _count);
        }

        (_count, _min, _max) = (count, min, max);
    }

    /// <summary>
    /// Folds a batch into the mean and the sum of squared deviations, all kept as offsets from the first value: a
    /// corrected two-pass over the batch about its own mean, then Chan et al.'s pairwise combination with what came
    /// before. Unlike a running (Welford) update about the mean itself, whose last digits a large mean swallows, the
    /// error does not grow with mean/stdev: millisecond timestamps keep pandas' precision.
    /// </summary>
    private void AddMoments(ReadOnlySpan<double> values, ReadOnlySpan<bool> missing, ReadOnlySpan<bool> isNumber, long n)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!missing[i] && isNumber[i] && double.IsFinite(values[i]))
            {
                if (!_shifted)
                {
                    _shift = values[i];
                    _shifted = true;
                }

                sum += values[i] - _shift;
            }
        }

        var center = sum / n;
        double shifted = 0, squares = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!missing[i] && isNumber[i] && double.IsFinite(values[i]))
            {
                var d = values[i] - _shift - center;
                shifted += d;
                squares += d * d;
            }
        }

        var batchMean = center + (shifted / n);
        var batchM2 = squares - (shifted * shifted / n);
        var before = _count;
        var total = before + n;
        var delta = batchMean - _mean;
        _mean = before == 0 ? batchMean : _mean + (delta * n / total);
        _m2 += batchM2 + (delta * delta * before * n / total);
    }

    private void Unexpected(RowBatch batch, int column, int index)
    {
        _unexpected++;
        if (_partial.Count < MaxPartialUnexpected)
        {
            _partial.Add(new UnexpectedValue(Clip(batch.Texts(column)[index]), batch.RowAt(index), batch.Locate(index, column)));
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var result = Result(false, string.Empty) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = _elements - _missing == 0 ? 0 : 100.0 * _unexpected / (_elements - _missing),
            PartialUnexpected = _partial,
        };
        if (_unexpected > 0)
        {
            var first = _partial[0];
            return result with { Message = $"{_unexpected} values are not finite numbers, so the {Name} is undefined; first: '{first.Value}' in row {first.Row}" };
        }

        if (_count == 0 || (_statistic == Statistic.StandardDeviation && _count < 2))
        {
            return result with { Message = $"too few numeric values ({_count}) to compute the {Name}" };
        }

        if (_statistic == Statistic.Quantile)
        {
            return CompleteQuantiles(result);
        }

        var observed = _statistic switch
        {
            Statistic.Min => _min,
            Statistic.Max => _max,
            Statistic.Mean => _shift + _mean,
            Statistic.StandardDeviation => Math.Sqrt(_m2 / (_count - 1)),
            Statistic.Sum => (_shift + _mean) * _count,
            _ => Median(),
        };
        var success = _range!.Contains(observed);
        return result with
        {
            Success = success,
            ObservedValue = observed,
            Message = $"{Name} is {Range.Format(observed)}; expected {_range}",
            Metrics = new Dictionary<string, double?> { [_statistic.ToString().ToLowerInvariant()] = observed },
        };
    }

    private CheckResult CompleteQuantiles(CheckResult result)
    {
        // A radix sort: linear in the values, several times faster than a comparison sort of a million doubles.
        Drift.RadixSort.Sort(CollectionsMarshal.AsSpan(_values!));
        var observed = new List<string>();
        var failed = new List<string>();
        var metrics = new Dictionary<string, double?>();
        foreach (var bound in _quantiles)
        {
            var value = Quantile(_values!, bound.Quantile, _linear);
            var label = $"q{Range.Format(bound.Quantile)}";
            metrics[label] = value;
            observed.Add($"{label}={Range.Format(value)}");
            if (!bound.Range.Contains(value))
            {
                failed.Add($"{label}={Range.Format(value)} not in {bound.Range}");
            }
        }

        return result with
        {
            Success = failed.Count == 0,
            ObservedValue = string.Join(", ", observed),
            Message = failed.Count == 0 ? string.Join(", ", observed) : string.Join("; ", failed),
            Metrics = metrics,
        };
    }

    private double Median()
    {
        Drift.RadixSort.Sort(CollectionsMarshal.AsSpan(_values!));
        var n = _values!.Count;
        return n % 2 == 1 ? _values[n / 2] : (_values[(n / 2) - 1] + _values[n / 2]) / 2.0;
    }

    /// <summary>The q-quantile of sorted values by numpy's "nearest" (ties to the even rank) or "linear" rule.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q, bool linear)
    {
        var position = q * (sorted.Count - 1);
        if (!linear)
        {
            return sorted[(int)Math.Round(position, MidpointRounding.ToEven)];
        }

        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        var fraction = position - low;
        return sorted[low] + ((sorted[high] - sorted[low]) * fraction);
    }
}
