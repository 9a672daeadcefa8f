using System.Runtime.CompilerServices;
namespace MlOps.Gates.Drift;

/// <summary>
/// Shares of two samples over common bins, for the share-based tests: one bin per category, or per value for a
/// numeric column whose reference has at most 20 distinct values; otherwise Sturges' bins over both samples
/// together, as numpy's <c>histogram_bin_edges(bins="sturges")</c> places them.
/// </summary>
public static class Binning
{
    public const int MaxValueBins = 20;

    public static (string[] Labels, double[] Reference, double[] Current) Numeric(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (CountDistinct(reference, MaxValueBins) <= MaxValueBins)
        {
            return Categorical(Counts(reference), Counts(current));
        }

        var first = Math.Min(reference[0], current[0]);
        var last = Math.Max(reference[^1], current[^1]);
        var n = reference.Length + current.Length;
        var width = (last - first) / (Math.Log2(n) + 1.0);
        var bins = width > 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }

        var edges = new double[bins + 1];
        var step = (last - first) / bins;
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = first + (i * step);
        }

        edges[bins] = last;
        var labels = Enumerable.Range(0, bins).Select(i => $"[{Data.Numbers.Format(edges[i])}, {Data.Numbers.Format(edges[i + 1])}{(i == bins - 1 ? "]" : ")")}").ToArray();
        return (labels, Histogram(reference, edges), Histogram(current, edges));
    }

    public static (string[] Labels, double[] Reference, double[] Current) Categorical(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        double rt = reference.Values.Sum(), ct = current.Values.Sum();
        return (keys, keys.Select(k => reference.GetValueOrDefault(k) / rt).ToArray(), keys.Select(k => current.GetValueOrDefault(k) / ct).ToArray());
    }

    /// <summary>Replaces empty shares by 0.0001, or by the smallest non-zero share / 1e6 when that is at most 0.0001, so logarithms stay finite.</summary>
    public static double[] FillZeros(double[] shares)
    {
        var smallest = shares.Where(s => s > 0).DefaultIfEmpty(1).Min();
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return shares.Select(s => s == 0 ? fill : s).ToArray();
    }

    public static Dictionary<string, long> Counts(ReadOnlySpan<double> sorted)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                j++;
            }

            counts[Data.Numbers.Format(sorted[i])] = j - i;
            i = j;
        }

        return counts;
    }

    /// <summary>Distinct values over two sorted samples together, without merging them; counting stops past <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountDistinct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int limit = int.MaxValue)
    {
        int i = 0, j = 0, count = 0;
        while ((i < a.Length || j < b.Length) && count <= limit)
        {
            var x = Math.Min(i < a.Length ? a[i] : double.PositiveInfinity, j < b.Length ? b[j] : double.PositiveInfinity);
            count++;
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountDistinct(ReadOnlySpan<double> sorted, int limit = int.MaxValue)
    {
        var count = 0;
        for (var i = 0; i < sorted.Length && count <= limit; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Counts per bin over sorted values, the last bin closed, divided by the sample size: each bin's count is the
    /// distance between two binary searches, so the cost is the number of bins, not of values.
    /// </summary>
    private static double[] Histogram(ReadOnlySpan<double> sorted, double[] edges)
    {
        var bins = edges.Length - 1;
        var counts = new double[bins];
        var previous = LowerBound(sorted, edges[0]);
        for (var i = 0; i < bins; i++)
        {
            var next = i == bins - 1 ? UpperBound(sorted, edges[bins]) : LowerBound(sorted, edges[i + 1]);
            counts[i] = (double)(next - previous) / sorted.Length;
            previous = next;
        }

        return counts;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
