using MathNet.Numerics;

namespace MlOps.Gates.Drift.Statistics;

/// <summary>
/// The two-proportion z-test for a binary column: the share of the first category (in sorted order) in each sample,
/// with the pooled share in the standard error; p = 2 (1 - Phi(|z|)).
/// </summary>
public static class ProportionZTest
{
    public static TestResult Test(long referenceHits, long referenceTotal, long currentHits, long currentTotal)
    {
        double n1 = referenceTotal, n2 = currentTotal;
        var p1 = referenceHits / n1;
        var p2 = currentHits / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        if (se == 0)
        {
            return new TestResult(0, 1.0);
        }

        var z = (p1 - p2) / se;
        return new TestResult(z, SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }
}
