using MathNet.Numerics;

namespace MlOps.Gates.Drift.Statistics;

/// <summary>Welch's two-sample t-test (unequal variances), two-sided.</summary>
public static class WelchTTest
{
    public static TestResult Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var (m1, v1) = MeanAndVariance(a);
        var (m2, v2) = MeanAndVariance(b);
        double n1 = a.Length, n2 = b.Length;
        var s1 = v1 / n1;
        var s2 = v2 / n2;
        var se = Math.Sqrt(s1 + s2);
        var t = (m1 - m2) / se;
        var df = (s1 + s2) * (s1 + s2) / ((s1 * s1 / (n1 - 1)) + (s2 * s2 / (n2 - 1)));
        if (double.IsNaN(t) || double.IsNaN(df))
        {
            return new TestResult(double.NaN, double.NaN);
        }

        if (double.IsInfinity(t))
        {
            return new TestResult(t, 0.0);
        }

        var p = SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
        return new TestResult(t, Math.Clamp(p, 0, 1));
    }

    private static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        var (mean, squares) = Moments.Of(values);
        return (mean, squares / (values.Length - 1));
    }
}
