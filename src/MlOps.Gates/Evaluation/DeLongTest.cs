using MathNet.Numerics.Distributions;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// DeLong, DeLong and Clarke-Pearson's (1988) test of two correlated ROC AUCs measured on the same rows, as pROC's
/// <c>roc.test(method = "delong", paired = TRUE)</c> computes it, with Sun and Xu's (2014) midrank placements: each
/// positive's share of negatives it outranks and each negative's share of positives that outrank it, per model; the
/// covariance of those placements across the two models gives the variance of the difference; z and a two-sided
/// normal p-value follow. No resampling at all.
/// </summary>
public static class DeLongTest
{
    /// <param name="firstAscending">The first model's rows by ascending score (as <see cref="BinaryMetrics.Ascending"/> gives).</param>
    /// <returns>Both AUCs, z and the two-sided p-value; null without two rows of each class.</returns>
    public static (double FirstAuc, double SecondAuc, double Z, double PValue)? Test(ReadOnlySpan<bool> positive, double[] firstScores, int[] firstAscending, double[] secondScores, int[] secondAscending)
    {
        var m = 0;
        foreach (var p in positive)
        {
            m += p ? 1 : 0;
        }

        var n = positive.Length - m;
        if (m < 2 || n < 2)
        {
            return null;
        }

        var (v10a, v01a) = Placements(positive, firstScores, firstAscending, m, n);
        var (v10b, v01b) = Placements(positive, secondScores, secondAscending, m, n);
        var aucA = Mean(v10a);
        var aucB = Mean(v10b);
        var variance = ((Covariance(v10a, v10a) + Covariance(v10b, v10b) - (2 * Covariance(v10a, v10b))) / m)
            + ((Covariance(v01a, v01a) + Covariance(v01b, v01b) - (2 * Covariance(v01a, v01b))) / n);
        var difference = aucA - aucB;
        if (!(variance > 0))
        {
            return (aucA, aucB, difference == 0 ? 0 : double.PositiveInfinity * Math.Sign(difference), difference == 0 ? 1 : 0);
        }

        var z = difference / Math.Sqrt(variance);
        return (aucA, aucB, z, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }

    /// <summary>
    /// Sun and Xu's placements, from one walk up the scores: per positive (in row order) the share of negatives it
    /// outranks, per negative the share of positives that outrank it, ties counting a half either way.
    /// </summary>
    private static (double[] V10, double[] V01) Placements(ReadOnlySpan<bool> positive, double[] scores, int[] ascending, int m, int n)
    {
        var v10 = new double[m];
        var v01 = new double[n];
        var indexOf = new int[positive.Length];
        int p = 0, q = 0;
        for (var row = 0; row < positive.Length; row++)
        {
            indexOf[row] = positive[row] ? p++ : q++;
        }

        // Walking up the scores: before each tie group, how many negatives and positives lie strictly below.
        double negativesBelow = 0, positivesBelow = 0;
        for (var start = 0; start < ascending.Length;)
        {
            var end = start;
            double groupPositives = 0, groupNegatives = 0;
            while (end < ascending.Length && scores[ascending[end]] == scores[ascending[start]])
            {
                if (positive[ascending[end]]) { groupPositives++; } else { groupNegatives++; }
                end++;
            }

            var positiveShare = (negativesBelow + (groupNegatives / 2)) / n;
            var negativeShare = 1 - ((positivesBelow + (groupPositives / 2)) / m);
            for (var k = start; k < end; k++)
            {
                var row = ascending[k];
                if (positive[row]) { v10[indexOf[row]] = positiveShare; } else { v01[indexOf[row]] = negativeShare; }
            }

            negativesBelow += groupNegatives;
            positivesBelow += groupPositives;
            start = end;
        }

        return (v10, v01);
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>The sample covariance (divisor length - 1), as R's <c>var</c> and pROC use it.</summary>
    private static double Covariance(double[] a, double[] b)
    {
        var meanA = Mean(a);
        var meanB = Mean(b);
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - meanA) * (b[i] - meanB);
        }

        return sum / (a.Length - 1);
    }
}
