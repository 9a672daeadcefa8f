using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Tests;

/// <summary>A file of several megabytes: every row seen in order, line numbers exact far into the file.</summary>
public sealed class LargeFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Checks_over_a_large_file_see_every_row_in_order()
    {
        var csv = new StringBuilder("id,value,category,note\n");
        const int rows = 250_000;
        for (var i = 1; i <= rows; i++)
        {
            var value = i == 123_456 ? "999" : (i % 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var category = i == 200_000 ? "zzz" : (i % 3 == 0 ? "a" : "b");
            csv.Append(i).Append(',').Append(value).Append(',').Append(category).Append(",some padding text for size\n");
        }

        Assert.True(csv.Length > 8 << 20);
        var run = Gates.Run(_dir, csv.ToString(), """
            - expect: between
              column: value
              max: 100
            - expect: in_set
              column: category
              values: [a, b]
            - expect: unique
              column: id
            - expect: mean_between
              column: id
              min: 125000.5
              max: 125000.5
            - expect: row_count_between
              min: 250000
              max: 250000
            """);
        var checks = run.Gates[0].Checks;

        Assert.Equal(new SourceLocation("data.csv", 123_457, 8), checks[0].Location);
        Assert.Equal(1, checks[0].UnexpectedCount);
        Assert.Equal(200_000L, checks[1].PartialUnexpected.Single().Row);
        Assert.True(checks[2].Success);
        Assert.True(checks[3].Success, checks[3].Message);
        Assert.True(checks[4].Success);
        Assert.Equal(rows, run.Gates[0].Metrics["rows"]);
    }
}
