namespace MlOps.Gates.Evaluation;

/// <summary>The resampled differences of one metric, candidate minus baseline, sorted; resamples where the metric was undefined are left out.</summary>
public sealed class BootstrapDistribution
{
    private readonly double[] _sorted;

    public BootstrapDistribution(IEnumerable<double> differences)
    {
        _sorted = differences.Where(double.IsFinite).Order().ToArray();
    }

    public int Count => _sorted.Length;

    /// <summary>Every defined resample's difference, ascending.</summary>
    public IReadOnlyList<double> Sorted => _sorted;

    /// <summary>The two-sided percentile interval at <paramref name="confidence"/>; NaN when no resample defined the metric.</summary>
    public (double Low, double High) Interval(double confidence)
    {
        if (_sorted.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        var alpha = (1 - confidence) / 2;
        return (Percentile(alpha), Percentile(1 - alpha));
    }

    private double Percentile(double q)
    {
        var position = q * (_sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, _sorted.Length - 1);
        return _sorted[low] + ((_sorted[high] - _sorted[low]) * (position - low));
    }
}
