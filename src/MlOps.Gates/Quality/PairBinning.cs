using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// How <see cref="CramersPhiCheck"/> puts one column's values into categories (Great Expectations 0.15's
/// <c>get_binned_values</c>): edges for a numeric column, groups of values for a text one, or, with neither, ten equal
/// bins or the ten most common values.
/// </summary>
public sealed record PairBinning(IReadOnlyList<double>? Edges, IReadOnlyList<IReadOnlyList<string>>? Groups, int Bins = 10)
{
    private const string Missing = "(missing)";

    /// <summary>The category of each value (null: missing), given every value with its count.</summary>
    public Func<string?, string> Categorize(IEnumerable<(string? Value, long Count)> values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (value, count) in values)
        {
            if (value is not null)
            {
                counts[value] = counts.GetValueOrDefault(value) + count;
            }
        }

        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in counts.Keys)
        {
            if (!Numbers.TryParse(value, out var number))
            {
                return Text(counts);
            }

            numbers[value] = number;
        }

        if (numbers.Count == 0)
        {
            return _ => Missing;
        }

        var edges = NumericEdges(numbers.Values.Min(), numbers.Values.Max());
        return value => value is null ? Missing : Bin(edges, numbers[value]).ToString(CultureInfo.InvariantCulture);
    }

    private Func<string?, string> Text(Dictionary<string, long> counts)
    {
        if (Groups is not null)
        {
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in Groups)
            {
                foreach (var value in group)
                {
                    groupOf[value] = string.Join(", ", group);
                }
            }

            return value => value is null ? Missing : groupOf.GetValueOrDefault(value, value);
        }

        if (counts.Count < Bins + 1)
        {
            return value => value ?? Missing;
        }

        var kept = counts.OrderByDescending(c => c.Value).Take(Bins).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return value => value is null ? Missing : kept.Contains(value) ? value : "(other)";
    }

    /// <summary>The edges: the given ones widened to the data's range, or numpy's histogram_bin_edges; the last nudged up so the maximum falls inside.</summary>
    private double[] NumericEdges(double min, double max)
    {
        double[] edges;
        if (Edges is not null)
        {
            var given = Edges.Distinct().Order().ToList();
            if (min < given[0])
            {
                given.Insert(0, min);
            }

            if (max > given[^1])
            {
                given.Add(max);
            }

            edges = [.. given];
        }
        else
        {
            var (low, high) = min == max ? (min - 0.5, max + 0.5) : (min, max);
            edges = new double[Bins + 1];
            var step = (high - low) / Bins;
            for (var i = 0; i <= Bins; i++)
            {
                edges[i] = low + (i * step);
            }

            edges[Bins] = high;
        }

        edges[^1] = Math.BitIncrement(edges[^1]);
        return edges;
    }

    /// <summary>numpy.digitize(value, edges) - 1: the index i with edges[i] &lt;= value &lt; edges[i + 1].</summary>
    private static int Bin(double[] edges, double value)
    {
        var index = Array.BinarySearch(edges, value);
        return index >= 0 ? index : ~index - 1;
    }
}
