using System.Runtime.CompilerServices;
namespace MlOps.Gates.Drift.Statistics;

/// <summary>The mean and the sum of squared deviations of a sample, in two passes for accuracy.</summary>
internal static class Moments
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Mean, double SumOfSquares) Of(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return (mean, squares);
    }
}
