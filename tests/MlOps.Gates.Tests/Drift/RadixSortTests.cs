using MlOps.Gates.Drift;

namespace MlOps.Gates.Tests;

public sealed class RadixSortTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    [InlineData(200_000)]
    public void Sorts_like_a_comparison_sort_with_negatives_duplicates_and_extremes(int n)
    {
        var random = new Random(n);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => -random.NextDouble() * 1e6,
                1 => Math.Round(random.NextDouble() * 10, 1),
                2 => double.Epsilon * random.Next(1, 5),
                3 => -0.0,
                4 => 0.0,
                5 => random.NextDouble() * 1e300,
                _ => -random.NextDouble() * 1e-300,
            };
        }

        var expected = values.ToArray();
        Array.Sort(expected);
        RadixSort.Sort(values);

        Assert.Equal(expected.Select(v => v == 0 ? 0 : v), values.Select(v => v == 0 ? 0 : v));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300_000)]
    public void Order_gives_the_indices_in_ascending_value_order_with_ties_in_index_order(int n)
    {
        var random = new Random(n);
        var values = Enumerable.Range(0, n).Select(i => (i % 3) switch
        {
            0 => Math.Round(random.NextDouble(), 2),
            1 => -random.NextDouble() * 1e3,
            _ => random.NextDouble() * 1e9,
        }).ToArray();

        var order = RadixSort.Order(values);

        Assert.Equal(n, order.Distinct().Count());
        for (var i = 1; i < n; i++)
        {
            var (a, b) = (order[i - 1], order[i]);
            Assert.True(values[a] < values[b] || (values[a] == values[b] && a < b), $"position {i}: {values[a]} (row {a}) before {values[b]} (row {b})");
        }
    }
}
