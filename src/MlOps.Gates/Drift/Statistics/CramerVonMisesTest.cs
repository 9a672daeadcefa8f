using MathNet.Numerics;

namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The two-sample Cramér-von Mises test as scipy's <c>cramervonmises_2samp</c> runs it with <c>method='auto'</c>: the
/// exact null distribution (Xiao, Gordon and Yakovlev 2006, after Anderson 1962) when both samples have at most 20
/// values, else Anderson's standardized statistic against the limiting distribution of Csörgő and Faraway (1996).
/// </summary>
public static class CramerVonMisesTest
{
    public const int MaxExactSize = 20;

    /// <summary>Runs the test on two sorted samples of at least two values each.</summary>
    public static TestResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int nx = x.Length, ny = y.Length;
        var (rankX, rankY) = MidRanks(x, y);
        double u = 0, v = 0;
        for (var i = 0; i < nx; i++)
        {
            u += Square(rankX[i] - (i + 1));
        }

        for (var j = 0; j < ny; j++)
        {
            v += Square(rankY[j] - (j + 1));
        }

        u = (nx * u) + (ny * v);
        double k = (double)nx * ny, n = nx + ny;
        var t = (u / (k * n)) - (((4 * k) - 1) / (6 * n));
        double p;
        if (Math.Max(nx, ny) <= MaxExactSize)
        {
            p = ExactPValue(u, nx, ny);
        }
        else
        {
            var et = (1 + (1 / n)) / 6;
            var vt = (n + 1) * ((4 * k * n) - (3 * ((double)nx * nx + (double)ny * ny)) - (2 * k));
            vt /= 45 * n * n * 4 * k;
            var tn = (1.0 / 6) + ((t - et) / Math.Sqrt(45 * vt));
            p = tn < 0.003 ? 1.0 : Math.Max(0, 1.0 - LimitingCdf(tn));
        }

        return new TestResult(t, p);
    }

    /// <summary>The limiting distribution's CDF by its Bessel-function series, summed until a term is below 1e-7.</summary>
    internal static double LimitingCdf(double x)
    {
        double total = 0;
        for (var k = 0; ; k++)
        {
            var scale = Math.Exp(SpecialFunctions.GammaLn(k + 0.5) - SpecialFunctions.GammaLn(k + 1)) / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = (4 * k) + 1;
            var q = y * y / (16 * x);
            var term = scale * Math.Sqrt(y) * Math.Exp(-2 * q) * ScaledBesselK(0.25, q);
            total += term;
            if (!(Math.Abs(term) >= 1e-7))
            {
                return total;
            }
        }
    }

    /// <summary>exp(q) K_nu(q) for q &gt; 0, from K_nu(q) = integral over t &gt;= 0 of exp(-q cosh t) cosh(nu t), by the trapezoid rule, which converges geometrically for this analytic integrand.</summary>
    internal static double ScaledBesselK(double nu, double q)
    {
        const double step = 0.02;
        var end = Acosh(1 + (60 / q));
        var sum = 0.5;
        for (var t = step; t <= end; t += step)
        {
            sum += Math.Exp(-q * (Math.Cosh(t) - 1)) * Math.Cosh(nu * t);
        }

        return sum * step;
    }

    private static double Acosh(double x) => Math.Log(x + Math.Sqrt((x * x) - 1));

    /// <summary>
    /// P(U &gt;= u) under the null by counting, for each lattice path of m steps of one kind and n of the other, the
    /// statistic's integer form; the paths are grouped by partial value, as Xiao, Gordon and Yakovlev describe.
    /// </summary>
    private static double ExactPValue(double u, int m, int n)
    {
        var lcm = Lcm(m, n);
        long a = lcm / m, b = lcm / n;
        long mn = (long)m * n;
        var zeta = Math.Floor(lcm * (double)lcm * (m + n) * ((6 * u) - (mn * ((4 * mn) - 1))) / (6 * (double)mn * mn));
        var groups = new Dictionary<long, double>[m + 1];
        groups[0] = new Dictionary<long, double> { [0] = 1 };
        for (var i = 1; i <= m; i++)
        {
            groups[i] = [];
        }

        for (long step = 0; step <= n; step++)
        {
            var next = new Dictionary<long, double>[m + 1];
            var running = new Dictionary<long, double>();
            for (var level = 0; level <= m; level++)
            {
                var add = (long)Square((a * level) - (b * step));
                var shifted = new Dictionary<long, double>(running.Count + groups[level].Count);
                foreach (var (value, frequency) in running)
                {
                    shifted[value + add] = frequency;
                }

                foreach (var (value, frequency) in groups[level])
                {
                    shifted[value + add] = shifted.GetValueOrDefault(value + add) + frequency;
                }

                next[level] = shifted;
                running = shifted;
            }

            groups = next;
        }

        double hits = 0, all = 0;
        foreach (var (value, frequency) in groups[m])
        {
            all += frequency;
            if (value >= zeta)
            {
                hits += frequency;
            }
        }

        return hits / all;
    }

    private static (double[] X, double[] Y) MidRanks(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var rx = new double[x.Length];
        var ry = new double[y.Length];
        int i = 0, j = 0;
        long rank = 0;
        while (i < x.Length || j < y.Length)
        {
            var value = Math.Min(i < x.Length ? x[i] : double.PositiveInfinity, j < y.Length ? y[j] : double.PositiveInfinity);
            int startX = i, startY = j;
            while (i < x.Length && x[i] == value)
            {
                i++;
            }

            while (j < y.Length && y[j] == value)
            {
                j++;
            }

            var tied = (i - startX) + (j - startY);
            var average = rank + ((tied + 1) / 2.0);
            for (var p = startX; p < i; p++)
            {
                rx[p] = average;
            }

            for (var p = startY; p < j; p++)
            {
                ry[p] = average;
            }

            rank += tied;
        }

        return (rx, ry);
    }

    private static double Square(double x) => x * x;

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
