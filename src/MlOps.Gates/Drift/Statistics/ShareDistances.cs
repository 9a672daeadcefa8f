namespace MlOps.Gates.Drift.Statistics;

/// <summary>Distances between two distributions given as shares over the same bins or categories.</summary>
public static class ShareDistances
{
    /// <summary>The Jensen-Shannon distance with natural logarithms: the square root of the mean KL divergence to the midpoint.</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sp = Sum(p), sq = Sum(q);
        double divergence = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var a = p[i] / sp;
            var b = q[i] / sq;
            var m = (a + b) / 2;
            divergence += RelativeEntropy(a, m) + RelativeEntropy(b, m);
        }

        return Math.Sqrt(Math.Max(divergence / 2, 0));
    }

    /// <summary>The population stability index: sum (ref - cur) ln(ref / cur).</summary>
    public static double PopulationStability(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double psi = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            psi += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return psi;
    }

    /// <summary>The Kullback-Leibler divergence of the reference from the current shares, each normalized to sum to one.</summary>
    public static double KullbackLeibler(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double sp = Sum(reference), sq = Sum(current);
        double divergence = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            divergence += RelativeEntropy(reference[i] / sp, current[i] / sq);
        }

        return divergence;
    }

    /// <summary>The Hellinger distance, in [0, 1]: sqrt(1/2 sum (sqrt p - sqrt q)^2).</summary>
    public static double Hellinger(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sum = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var d = Math.Sqrt(p[i]) - Math.Sqrt(q[i]);
            sum += d * d;
        }

        return Math.Sqrt(sum / 2);
    }

    /// <summary>The total variation distance: half the sum of absolute differences.</summary>
    public static double TotalVariation(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sum = 0;
        for (var i = 0; i < p.Length; i++)
        {
            sum += Math.Abs(p[i] - q[i]);
        }

        return sum / 2;
    }

    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }
}
