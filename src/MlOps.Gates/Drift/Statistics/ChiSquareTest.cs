using MathNet.Numerics;

namespace MlOps.Gates.Drift.Statistics;

/// <summary>Pearson's chi-square goodness of fit: sum (O - E)^2 / E against the chi-square distribution with k - 1 degrees of freedom.</summary>
public static class ChiSquareTest
{
    public static TestResult Test(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        double statistic = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            var diff = observed[i] - expected[i];
            statistic += expected[i] == 0 ? (diff == 0 ? 0 : double.PositiveInfinity) : diff * diff / expected[i];
        }

        var df = observed.Length - 1;
        double p = df <= 0 ? double.NaN
            : double.IsPositiveInfinity(statistic) ? 0
            : SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2.0);
        return new TestResult(statistic, p);
    }
}
