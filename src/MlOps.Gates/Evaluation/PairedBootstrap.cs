namespace MlOps.Gates.Evaluation;

/// <summary>
/// A seeded paired bootstrap of a metric's difference, candidate minus baseline: the same resampled rows score both
/// models, so the interval reflects the difference itself rather than each model's own noise. Percentile interval.
/// </summary>
public static class PairedBootstrap
{
    public static (double Low, double High, double Observed) Interval(
        int rows,
        Func<int[], double> candidateMetric,
        Func<int[], double> baselineMetric,
        int resamples = 1000,
        double confidence = 0.95,
        int seed = 42)
    {
        var all = Enumerable.Range(0, rows).ToArray();
        var observed = candidateMetric(all) - baselineMetric(all);
        var random = new Random(seed);
        var differences = new double[resamples];
        var sample = new int[rows];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < rows; i++)
            {
                sample[i] = random.Next(rows);
            }

            differences[r] = candidateMetric(sample) - baselineMetric(sample);
        }

        Array.Sort(differences);
        var alpha = (1 - confidence) / 2;
        return (Percentile(differences, alpha), Percentile(differences, 1 - alpha), observed);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
