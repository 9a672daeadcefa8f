using System.Globalization;
using System.Text;
using MlOps.Gates.Data;
using MlOps.Gates.Profiling;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Tests;

/// <summary>What one pass over a file tells the starter suite, over several batches of rows.</summary>
public sealed class DatasetProfilerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_profile_infers_types_nulls_ranges_categories_and_distinct_columns_across_batches()
    {
        var csv = new StringBuilder("id,age,plan,score,active,joined,note\n");
        for (var row = 1; row <= 5000; row++)
        {
            var age = row % 100 == 0 ? string.Empty : (18 + (row % 60)).ToString(CultureInfo.InvariantCulture);
            var plan = row % 3 == 0 ? "pro" : "basic";
            var score = (row / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            var note = row == 4000 ? "\"two\nlines\"" : "same";
            csv.Append(CultureInfo.InvariantCulture, $"{row},{age},{plan},{score},{(row % 2 == 0 ? "true" : "False")},2026-01-{1 + (row % 28):00},{note}\n");
        }

        var path = _dir.Write("data.csv", csv.ToString());
        var profile = DatasetProfiler.Profile(new DatasetOptions { Name = "d", Path = path, DisplayPath = "data.csv" }, new ProfileOptions());
        var columns = profile.Columns.ToDictionary(c => c.Name);

        Assert.Equal(5000, profile.Rows);
        Assert.Equal(ColumnType.Integer, columns["id"].InferredType);
        Assert.True(columns["id"].AllDistinct);
        Assert.Equal((1.0, 5000.0), (columns["id"].Min, columns["id"].Max));
        Assert.Equal(ColumnType.Integer, columns["age"].InferredType);
        Assert.Equal(50, columns["age"].Nulls);
        Assert.False(columns["age"].AllDistinct);
        Assert.Equal(["basic", "pro"], columns["plan"].Categories!.Order(StringComparer.Ordinal));
        Assert.Equal(ColumnType.Float, columns["score"].InferredType);
        Assert.Equal(50.0, columns["score"].Max);
        Assert.Equal(ColumnType.Boolean, columns["active"].InferredType);
        Assert.Equal(ColumnType.DateTime, columns["joined"].InferredType);
        Assert.Equal(["same", "two\nlines"], columns["note"].Categories!.Order(StringComparer.Ordinal));
        Assert.Equal((4, 9), (columns["note"].MinLength, columns["note"].MaxLength));
    }
}
