using MathNet.Numerics;

namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The Mann-Whitney U test, two-sided, as scipy's <c>method='auto'</c> runs it: the exact null distribution when a
/// sample has at most 8 values and there are no ties, else the normal approximation with tie and continuity
/// corrections. The statistic is U of the first sample.
/// </summary>
public static class MannWhitneyTest
{
    /// <summary>Runs the test on two sorted samples.</summary>
    public static TestResult Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n1 = a.Length, n2 = b.Length;
        double rankSumA = 0;
        double tieTerm = 0;
        var hasTies = false;
        int i = 0, j = 0;
        long rank = 0;
        while (i < n1 || j < n2)
        {
            var x = Math.Min(i < n1 ? a[i] : double.PositiveInfinity, j < n2 ? b[j] : double.PositiveInfinity);
            int countA = 0, countB = 0;
            while (i < n1 && a[i] == x)
            {
                i++;
                countA++;
            }

            while (j < n2 && b[j] == x)
            {
                j++;
                countB++;
            }

            var t = countA + countB;
            var averageRank = rank + ((t + 1) / 2.0);
            rankSumA += countA * averageRank;
            rank += t;
            if (t > 1)
            {
                hasTies = true;
                tieTerm += ((double)t * t * t) - t;
            }
        }

        var u1 = rankSumA - ((double)n1 * (n1 + 1) / 2.0);
        var u2 = ((double)n1 * n2) - u1;
        var u = Math.Max(u1, u2);
        double p;
        if ((n1 <= 8 || n2 <= 8) && !hasTies)
        {
            p = 2 * ExactSf((long)u, n1, n2);
        }
        else
        {
            double n = n1 + n2;
            var s = Math.Sqrt(n1 * (double)n2 / 12 * (n + 1 - (tieTerm / (n * (n - 1)))));
            var z = (u - (n1 * (double)n2 / 2) - 0.5) / s;
            p = 2 * 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));
        }

        return new TestResult(u1, Math.Clamp(p, 0, 1));
    }

    /// <summary>
    /// P(U &gt;= u) under the null: the counts of U are the coefficients of the Gaussian binomial [m+n choose m]_q,
    /// built by multiplying (1 - q^(n+i)) / (1 - q^i) for i = 1..m, then divided by C(m+n, m).
    /// </summary>
    private static double ExactSf(long u, int n1, int n2)
    {
        int m = Math.Min(n1, n2), n = Math.Max(n1, n2);
        var degree = (long)m * n;
        var counts = new double[degree + 1];
        counts[0] = 1;
        for (var i = 1; i <= m; i++)
        {
            var shift = n + i;
            for (var k = degree; k >= shift; k--)
            {
                counts[k] -= counts[k - shift];
            }

            for (var k = i; k <= degree; k++)
            {
                counts[k] += counts[k - i];
            }
        }

        // sf(u) = cdf(mn - u) by symmetry.
        var upTo = degree - u;
        double cumulative = 0;
        double total = 0;
        for (var k = 0L; k <= degree; k++)
        {
            total += counts[k];
            if (k <= upTo)
            {
                cumulative += counts[k];
            }
        }

        return cumulative / total;
    }
}
