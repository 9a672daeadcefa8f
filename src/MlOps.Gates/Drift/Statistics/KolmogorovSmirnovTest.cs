using System.Runtime.CompilerServices;
namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test, two-sided, with scipy's <c>method='auto'</c>: the exact null distribution
/// (Hodges 1958) while both samples have at most 10,000 values, else the one-sample distribution at
/// n = round(n1 n2 / (n1 + n2)).
/// </summary>
public static class KolmogorovSmirnovTest
{
    public const int MaxExactSize = 10_000;

    /// <summary>Runs the test on two sorted samples.</summary>
    public static TestResult TwoSample(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            throw new ArgumentException("both samples need at least one value");
        }

        var d = Statistic(a, b);
        int n1 = a.Length, n2 = b.Length;
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = (long)(n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var dExact = (double)h / lcm;
            if (h == 0)
            {
                return new TestResult(dExact, 1.0);
            }

            var inside = ProbabilityInside(n1, n2, g, h);
            var p = 1 - inside;
            if (p is >= 0 and <= 1)
            {
                return new TestResult(dExact, p);
            }
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        return new TestResult(d, Math.Clamp(KolmogorovDistribution.Sf(d, (int)Math.Round(en, MidpointRounding.ToEven)), 0, 1));
    }

    /// <summary>The largest distance between the two empirical distribution functions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        double n1 = a.Length, n2 = b.Length;
        double max = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            var diff = Math.Abs((i / n1) - (j / n2));
            if (diff > max)
            {
                max = diff;
            }
        }

        return max;
    }

    /// <summary>
    /// The share of lattice paths from (0,0) to (m,n) that stay strictly inside |n i - m j| &lt; h g, the event
    /// D &lt; h/lcm, kept as probabilities: P(i,j) = (i P(i-1,j) + j P(i,j-1)) / (i + j).
    /// </summary>
    internal static double ProbabilityInside(int n1, int n2, int g, long h)
    {
        int m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        long mg = m / g, ng = n / g;
        var column = new double[n + 1];
        for (var j = 0; j <= n; j++)
        {
            column[j] = mg * j < h ? 1.0 : 0.0;
        }

        for (var i = 1; i <= m; i++)
        {
            var low = (long)Math.Floor((double)((ng * i) - h) / mg) + 1;
            var high = (long)Math.Ceiling((double)((ng * i) + h) / mg) - 1;
            var jLow = (int)Math.Max(low, 0);
            var jHigh = (int)Math.Min(high, n);
            if (jLow > jHigh)
            {
                return 0;
            }

            var previous = 0.0;
            for (var j = 0; j <= n; j++)
            {
                double value;
                if (j < jLow || j > jHigh || Math.Abs((ng * i) - (mg * j)) >= h)
                {
                    value = 0;
                }
                else if (j == 0)
                {
                    value = column[0];
                }
                else
                {
                    value = ((i * column[j]) + (j * previous)) / (i + j);
                }

                column[j] = value;
                previous = value;
            }
        }

        return column[n];
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
