using MathNet.Numerics;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// McNemar's exact test for two classifiers on the same rows: of the rows exactly one of them gets right (b for the
/// first, c for the second), is the split further from even than chance allows? p = min(1, 2 P(X &lt;= min(b, c)))
/// with X ~ Binomial(b + c, 1/2), as statsmodels' <c>mcnemar(exact=True)</c> computes it.
/// </summary>
public static class McNemarTest
{
    public static (long OnlyFirstCorrect, long OnlySecondCorrect, double PValue) Test(ReadOnlySpan<bool> firstCorrect, ReadOnlySpan<bool> secondCorrect)
    {
        long b = 0, c = 0;
        for (var i = 0; i < firstCorrect.Length; i++)
        {
            if (firstCorrect[i] && !secondCorrect[i])
            {
                b++;
            }
            else if (!firstCorrect[i] && secondCorrect[i])
            {
                c++;
            }
        }

        return (b, c, PValue(b, c));
    }

    /// <summary>The exact two-sided p-value from the two discordant counts.</summary>
    public static double PValue(long onlyFirstCorrect, long onlySecondCorrect)
    {
        var n = onlyFirstCorrect + onlySecondCorrect;
        if (n == 0)
        {
            return 1.0;
        }

        // P(X <= k) for X ~ Binomial(n, 1/2) is the regularized incomplete beta I_{1/2}(n - k, k + 1).
        var k = Math.Min(onlyFirstCorrect, onlySecondCorrect);
        var cdf = k >= n ? 1.0 : SpecialFunctions.BetaRegularized(n - k, k + 1, 0.5);
        return Math.Min(1.0, 2 * cdf);
    }
}
