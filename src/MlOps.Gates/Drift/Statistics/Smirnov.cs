namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The one-sided Smirnov distribution: P(D+_n &gt;= x) for n observations, by the exact Birnbaum-Tingey (1951) sum,
/// each term taken in logarithms so large n neither overflows nor underflows.
/// </summary>
public static class Smirnov
{
    public static double Sf(int n, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        if (x >= 1)
        {
            return 0;
        }

        // P = x * sum_{j=0}^{floor(n(1-x))} C(n,j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j)
        var last = (int)Math.Floor(n * (1 - x));
        double logBinomial = 0;
        double sum = 0;
        for (var j = 0; j <= last; j++)
        {
            if (j > 0)
            {
                logBinomial += Math.Log(n - j + 1) - Math.Log(j);
            }

            var upper = 1 - x - ((double)j / n);
            if (upper <= 0)
            {
                if (j == n)
                {
                    sum += Math.Exp(logBinomial + ((j - 1) * Math.Log(x + ((double)j / n))));
                }

                continue;
            }

            var logTerm = logBinomial + ((j - 1) * Math.Log(x + ((double)j / n))) + ((n - j) * Math.Log(upper));
            if (logTerm > -745)
            {
                sum += Math.Exp(logTerm);
            }
        }

        return Math.Clamp(x * sum, 0, 1);
    }
}
