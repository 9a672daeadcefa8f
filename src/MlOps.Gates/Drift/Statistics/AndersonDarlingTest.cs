namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The k-sample Anderson-Darling test of Scholz and Stephens (1987) for two samples, with mid-ranks for ties, as
/// scipy's <c>anderson_ksamp</c> computes it: the standardized statistic, and a p-value read off their table of
/// critical values by a quadratic fit in log significance, capped to [0.001, 0.25].
/// </summary>
public static class AndersonDarlingTest
{
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>Runs the test on two sorted samples; null when all values are equal (the test is undefined).</summary>
    public static TestResult? Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        const int k = 2;
        double na = a.Length, nb = b.Length;
        double total = na + nb;
        var statistic = 0.0;
        int i = 0, j = 0, distinct = 0;
        long below = 0;
        while (i < a.Length || j < b.Length)
        {
            var x = Math.Min(i < a.Length ? a[i] : double.PositiveInfinity, j < b.Length ? b[j] : double.PositiveInfinity);
            int fa = 0, fb = 0;
            while (i < a.Length && a[i] == x)
            {
                i++;
                fa++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
                fb++;
            }

            distinct++;
            double l = fa + fb;
            var bj = below + (l / 2);
            var denominator = (bj * (total - bj)) - (total * l / 4);
            var ma = i - (fa / 2.0);
            var mb = j - (fb / 2.0);
            statistic += l / total * Square((total * ma) - (bj * na)) / denominator / na;
            statistic += l / total * Square((total * mb) - (bj * nb)) / denominator / nb;
            below += fa + fb;
        }

        if (distinct < 2)
        {
            return null;
        }

        statistic *= (total - 1) / total;
        var n = (long)total;
        double cumulative = 0, g = 0;
        for (long t = 0; t < n - 2; t++)
        {
            cumulative += 1.0 / (n - 1 - t);
            g += cumulative / (t + 2);
        }

        var h = cumulative + 1;
        var hSum = (1.0 / na) + (1.0 / nb);
        var ca = ((4 * g) - 6) * (k - 1) + ((10 - (6 * g)) * hSum);
        var cb = ((2 * g) - 4) * k * k + (8 * h * k) + (((2 * g) - (14 * h) - 4) * hSum) - (8 * h) + (4 * g) - 6;
        var cc = (((6 * h) + (2 * g) - 2) * k * k) + (((4 * h) - (4 * g) + 6) * k) + (((2 * h) - 6) * hSum) + (4 * h);
        var cd = (((2 * h) + 6) * k * k) - (4 * h * k);
        var sigmaSquared = ((ca * total * total * total) + (cb * total * total) + (cc * total) + cd) / ((total - 1) * (total - 2) * (total - 3));
        const int m = k - 1;
        var a2 = (statistic - m) / Math.Sqrt(sigmaSquared);
        var critical = new double[B0.Length];
        for (var c = 0; c < critical.Length; c++)
        {
            critical[c] = B0[c] + (B1[c] / Math.Sqrt(m)) + (B2[c] / m);
        }

        double p;
        if (a2 < critical.Min())
        {
            p = Significance.Max();
        }
        else if (a2 > critical.Max())
        {
            p = Significance.Min();
        }
        else
        {
            var (c0, c1, c2) = QuadraticFit(critical, Significance.Select(s => Math.Log(s)).ToArray());
            p = Math.Exp(c0 + (c1 * a2) + (c2 * a2 * a2));
        }

        return new TestResult(a2, p);
    }

    private static double Square(double x) => x * x;

    /// <summary>The least-squares quadratic c0 + c1 x + c2 x^2 through the points, by QR on centred x for stability.</summary>
    private static (double C0, double C1, double C2) QuadraticFit(double[] x, double[] y)
    {
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(x.Length, 3, (r, c) => Math.Pow(x[r], c));
        var solution = design.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y));
        return (solution[0], solution[1], solution[2]);
    }
}
