using System.Globalization;
using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;
using MlOps.Gates.Running;
using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Tests;

/// <summary>
/// Checks run side by side on several cores once the first batches have ranked them; every result must be the one a
/// single core gives, for CSV (numbers parsed lazily, per column) and Parquet (every form made lazily) alike.
/// </summary>
public sealed class CheckSchedulerTests : IDisposable
{
    private const int Rows = 40_000;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Checks = """
        checks:
          - {expect: unique, column: id}
          - {expect: compound_unique, columns: [id, code]}
          - {expect: duplicate_rows_at_most, max: 0}
          - {expect: median_between, column: amount, min: 40, max: 60}
          - {expect: quantile_between, column: amount, quantile: 0.9, min: 0, max: 95}
          - {expect: mean_between, column: amount, min: 0, max: 100}
          - {expect: between, column: amount, min: 0, max: 90, mostly: 0.5}
          - {expect: between, column: age, min: 0, max: 100}
          - {expect: distinct_count_between, column: code, min: 1, max: 80}
          - {expect: regex, column: code, pattern: "^id-"}
          - {expect: not_null, column: amount}
          - {expect: in_set, column: code, values: [id-1, id-2, id-3]}
        """;

    [Fact]
    public void Checks_on_four_cores_give_what_one_core_gives_on_csv()
    {
        var random = new Random(3);
        var lines = Enumerable.Range(0, Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % (Rows - 300)},{random.Next(0, 130)},{(i % 7 == 0 ? "x-" : "id-")}{i % 50},{(i % 97 == 0 ? string.Empty : (random.NextDouble() * 100).ToString("0.###", CultureInfo.InvariantCulture))}"));
        var path = _dir.Write("data.csv", "id,age,code,amount\n" + string.Join('\n', lines) + "\n");

        var (one, many) = RunBoth(new DatasetOptions { Name = "d", Path = path, DisplayPath = "data.csv" });

        Assert.Equal(one, many);
        Assert.Contains("\"UnexpectedCount\":600", one, StringComparison.Ordinal); // both rows of each of the 300 repeated ids
    }

    [Fact]
    public async Task Checks_on_four_cores_give_what_one_core_gives_on_parquet()
    {
        var random = new Random(5);
        var path = Path.Combine(_dir.Path, "data.parquet");
        var id = new DataField<int>("id");
        var age = new DataField<int>("age");
        var code = new DataField<string>("code");
        var amount = new DataField<double?>("amount");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, age, code, amount), stream))
        {
            for (var g = 0; g < 4; g++)
            {
                var n = Rows / 4;
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(id, new ReadOnlyMemory<int>(Enumerable.Range((g * n) - (g * 75), n).ToArray()));
                await group.WriteAsync(age, new ReadOnlyMemory<int>(Enumerable.Range(0, n).Select(_ => random.Next(0, 130)).ToArray()));
                await group.WriteAsync(code, Enumerable.Range(0, n).Select(i => $"id-{i % 50}").ToList());
                await group.WriteAsync(amount, new ReadOnlyMemory<double?>(Enumerable.Range(0, n).Select(i => i % 97 == 0 ? (double?)null : random.NextDouble() * 100).ToArray()));
            }
        }

        var (one, many) = RunBoth(new DatasetOptions { Name = "d", Path = path, DisplayPath = "data.parquet", Format = DataFormat.Parquet });

        Assert.Equal(one, many);
        Assert.Contains("\"UnexpectedCount\":450", one, StringComparison.Ordinal); // 75 ids shared by each pair of row groups, both rows
    }

    [Fact]
    public void The_slowest_checks_are_dealt_first_each_to_the_group_with_the_least_work()
    {
        var gate = Gate(new DatasetOptions { Name = "d", Path = _dir.Write("small.csv", "id,age,code,amount\n1,2,id-1,3\n"), DisplayPath = "small.csv" });
        var checks = gate.Checks.Take(5).Select(c => c.NewRun()).ToArray();

        var groups = CheckScheduler.Deal([10, 70, 20, 30, 40], checks, 2);

        Assert.Equal([checks[1], checks[2]], groups[0]); // 70 + 20
        Assert.Equal([checks[4], checks[3], checks[0]], groups[1]); // 40 + 30 + 10
        Assert.Single(CheckScheduler.Deal([1, 2], checks[..2], 1));
    }

    private (string One, string Many) RunBoth(DatasetOptions dataset)
    {
        var gate = Gate(dataset);
        return (Run(gate, dataset, processors: 1), Run(gate, dataset, processors: 4));
    }

    private DataQualityGate Gate(DatasetOptions dataset)
    {
        var checks = string.Join('\n', Checks.Split('\n').Select(l => "    " + l));
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", $$"""
            gates:
              - name: q
                dataset: {path: '{{dataset.Path}}'}
            {{checks}}
            """));
        return (DataQualityGate)config.Gates[0];
    }

    private static string Run(DataQualityGate gate, DatasetOptions dataset, int processors)
    {
        using var reader = TableReaders.Open(dataset);
        var checks = gate.Checks.Select(c => c.NewRun()).ToList();
        foreach (var check in checks)
        {
            check.Bind(reader);
        }

        var scheduler = new CheckScheduler(checks, processors);
        var batch = reader.CreateBatch(checks.SelectMany(c => c.ColumnsRead));
        long rows = 0;
        while (reader.ReadBatch(batch))
        {
            scheduler.Observe(batch);
            rows += batch.Count;
        }

        Assert.Equal(Math.Min(processors, checks.Count), scheduler.Groups);
        var summary = new DatasetSummary(dataset.Name, dataset.DisplayPath, rows, reader.Columns, Gates.Now);
        return JsonSerializer.Serialize(checks.Select(c => c.Complete(summary)).Select(r => new { r.Id, r.Success, r.Message, r.ElementCount, r.UnexpectedCount, r.ObservedValue, r.PartialUnexpected }));
    }
}
