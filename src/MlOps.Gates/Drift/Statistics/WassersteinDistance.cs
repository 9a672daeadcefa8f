using System.Runtime.CompilerServices;
namespace MlOps.Gates.Drift.Statistics;

/// <summary>The first Wasserstein distance of two one-dimensional samples: the area between their empirical distribution functions.</summary>
public static class WassersteinDistance
{
    /// <summary>The distance between two sorted samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double n1 = a.Length, n2 = b.Length;
        int i = 0, j = 0;
        double sum = 0;
        var x = Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            if (i == a.Length && j == b.Length)
            {
                break;
            }

            var next = Math.Min(i < a.Length ? a[i] : double.PositiveInfinity, j < b.Length ? b[j] : double.PositiveInfinity);
            sum += Math.Abs((i / n1) - (j / n2)) * (next - x);
            x = next;
        }

        return sum;
    }

    /// <summary>The population standard deviation (n in the denominator), as numpy's default.</summary>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values) =>
        Math.Sqrt(Moments.Of(values).SumOfSquares / values.Length);
}
