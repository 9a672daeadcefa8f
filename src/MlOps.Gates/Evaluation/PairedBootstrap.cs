namespace MlOps.Gates.Evaluation;

/// <summary>
/// A seeded paired bootstrap of metric differences, candidate minus baseline: each resample draws the rows once and
/// scores both models on them, so the interval reflects the difference itself rather than each model's own noise.
/// A resample is a vector of row weights (how often each row was drawn); resample r draws from a generator seeded by
/// (seed, r), so the result does not depend on how many cores share the work.
/// </summary>
public static class PairedBootstrap
{
    public static IReadOnlyDictionary<string, BootstrapDistribution> Resample(
        int rows,
        Func<int[], IReadOnlyDictionary<string, double>> candidate,
        Func<int[], IReadOnlyDictionary<string, double>> baseline,
        IReadOnlyCollection<string> metrics,
        int resamples = 1000,
        int seed = 42,
        CancellationToken cancellationToken = default)
    {
        var differences = metrics.ToDictionary(m => m, _ => new double[resamples], StringComparer.Ordinal);
        Parallel.For(
            0,
            resamples,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new int[rows],
            (r, _, weights) =>
            {
                Array.Clear(weights);
                var random = new Random(unchecked((seed * 1_000_003) + r));
                for (var i = 0; i < rows; i++)
                {
                    weights[random.Next(rows)]++;
                }

                var a = candidate(weights);
                var b = baseline(weights);
                foreach (var (metric, values) in differences)
                {
                    values[r] = a.TryGetValue(metric, out var x) && b.TryGetValue(metric, out var y) ? x - y : double.NaN;
                }

                return weights;
            },
            _ => { });

        return differences.ToDictionary(d => d.Key, d => new BootstrapDistribution(d.Value), StringComparer.Ordinal);
    }
}
