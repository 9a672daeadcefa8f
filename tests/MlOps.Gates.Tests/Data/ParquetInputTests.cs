using MlOps.Gates.Config;
using MlOps.Gates.Running;
using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Tests;

public sealed class ParquetInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task WriteAsync(string path)
    {
        var id = new DataField<int>("id");
        var score = new DataField<double?>("score");
        var plan = new DataField<string>("plan");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, score, plan), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(id, new ReadOnlyMemory<int>([1, 2, 3, 4]));
        await group.WriteAsync(score, new ReadOnlyMemory<double?>([0.5, null, 7.5, 0.25]));
        await group.WriteAsync(plan, new List<string> { "basic", "pro", "<b>", "basic" });
    }

    [Fact]
    public async Task Parquet_columns_are_checked_with_the_same_semantics_and_findings_name_the_row()
    {
        await WriteAsync(Path.Combine(_dir.Path, "data.parquet"));
        var config = _dir.Write("mlops-gates.yml", """
            gates:
              - name: g
                dataset: {path: data.parquet}
                checks:
                  - {expect: between, column: score, min: 0, max: 1}
                  - {expect: not_null, column: score, mostly: 0.7}
                  - {expect: in_set, column: plan, values: [basic, pro]}
                  - {expect: type, column: id, type: integer}
                  - {expect: mean_between, column: id, min: 2.5, max: 2.5}
            """);

        var checks = new GateRunner().Run(GatesConfigLoader.Load(config)).Gates[0].Checks;

        Assert.Equal(1, checks[0].MissingCount);
        Assert.Equal(3L, checks[0].PartialUnexpected.Single().Row);
        Assert.Equal("7.5", checks[0].PartialUnexpected.Single().Value);
        Assert.True(checks[1].Success);
        Assert.Equal("<b>", checks[2].PartialUnexpected.Single().Value);
        Assert.True(checks[3].Success, checks[3].Message);
        Assert.True(checks[4].Success, checks[4].Message);
        Assert.Equal("data.parquet", checks[2].Location!.File);
    }

    [Fact]
    public async Task Rows_keep_their_numbers_across_row_groups_and_batches()
    {
        var path = Path.Combine(_dir.Path, "big.parquet");
        var id = new DataField<long>("id");
        var score = new DataField<double>("score");
        var plan = new DataField<string>("plan");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, score, plan), stream))
        {
            for (var g = 0; g < 2; g++)
            {
                var rows = Enumerable.Range((g * 3000) + 1, 3000).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(id, new ReadOnlyMemory<long>(rows.Select(r => (long)r).ToArray()));
                await group.WriteAsync(score, new ReadOnlyMemory<double>(rows.Select(r => r is 2049 or 3001 or 5000 ? 2.5 : 0.5).ToArray()));
                await group.WriteAsync(plan, rows.Select(r => r == 4097 ? "gold" : r % 1000 == 0 ? "NA" : "basic").ToList());
            }
        }

        var config = _dir.Write("mlops-gates.yml", """
            gates:
              - name: g
                dataset: {path: big.parquet, null_values: [NA]}
                checks:
                  - {expect: between, column: score, min: 0, max: 1}
                  - {expect: in_set, column: plan, values: [basic]}
                  - {expect: regex, column: id, pattern: '^[1-5]?\d{1,3}$'}
                  - {expect: mean_between, column: id, min: 3000.5, max: 3000.5}
            """);

        var checks = new GateRunner().Run(GatesConfigLoader.Load(config)).Gates[0].Checks;

        Assert.Equal([2049L, 3001L, 5000L], checks[0].PartialUnexpected.Select(u => u.Row));
        Assert.Equal(["2.5", "2.5", "2.5"], checks[0].PartialUnexpected.Select(u => u.Value));
        Assert.Equal(6, checks[1].MissingCount);
        Assert.Equal([4097L], checks[1].PartialUnexpected.Select(u => u.Row));
        Assert.Equal(Enumerable.Range(6000, 1).Select(r => (long)r), checks[2].PartialUnexpected.Select(u => u.Row));
        Assert.Equal("6000", checks[2].PartialUnexpected.Single().Value);
        Assert.True(checks[3].Success, checks[3].Message);
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_an_input_error()
    {
        var path = _dir.Write("bad.parquet", "this is not parquet");
        var options = new Data.DatasetOptions { Name = "d", Path = path, DisplayPath = "bad.parquet", Format = Data.DataFormat.Parquet };

        Assert.Equal("MLG3007", Assert.Throws<GatesInputException>(() => Data.TableReaders.Open(options)).Errors[0].Code);
    }
}
