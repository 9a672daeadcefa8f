using System.Text.Json.Nodes;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// Great Expectations' remaining core expectations, run from one GX 1.x suite on CSV and on Parquet: each verdict and
/// unexpected count equals what GX's pandas logic gives on the same file (Fixtures/gx/catalog/make.py computed them
/// once with pandas, scipy, python-dateutil, jsonschema and sqlite's LIKE), with <c>mostly</c> at the passing share
/// and just above it.
/// </summary>
public sealed class CatalogExpectationsTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gx", "catalog");
    private static readonly JsonArray Cases = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")))!.AsArray();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The cases as a suite the way GX writes one: 1.x (name, expectations[].type) or 0.x (expectation_suite_name, expectation_type, ge_cloud_id, data_asset_type).</summary>
    private string Suite(string version)
    {
        var gx1 = version == "1.x";
        var expectations = Cases.Select(c => gx1
            ? new JsonObject { ["type"] = c!["type"]!.DeepClone(), ["kwargs"] = c["kwargs"]!.DeepClone(), ["meta"] = new JsonObject(), ["id"] = Guid.NewGuid().ToString(), ["severity"] = "critical" }
            : new JsonObject { ["expectation_type"] = c!["type"]!.DeepClone(), ["kwargs"] = c["kwargs"]!.DeepClone(), ["meta"] = new JsonObject(), ["ge_cloud_id"] = null });
        var suite = gx1
            ? new JsonObject { ["name"] = "catalog", ["id"] = Guid.NewGuid().ToString(), ["expectations"] = new JsonArray(expectations.ToArray<JsonNode?>()), ["meta"] = new JsonObject { ["great_expectations_version"] = "1.2.0" }, ["notes"] = null }
            : new JsonObject { ["expectation_suite_name"] = "catalog", ["ge_cloud_id"] = null, ["expectations"] = new JsonArray(expectations.ToArray<JsonNode?>()), ["data_asset_type"] = null, ["meta"] = new JsonObject { ["great_expectations_version"] = "0.18.8" } };
        var json = suite.ToJsonString();
        // As GX writes a partition's infinite ends: bare -Infinity and Infinity, as Python's json module does.
        return _dir.Write("catalog.json", json.Replace("\"-Infinity\"", "-Infinity", StringComparison.Ordinal).Replace("\"Infinity\"", "Infinity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("csv", "1.x")]
    [InlineData("parquet", "1.x")]
    [InlineData("csv", "0.18")]
    [InlineData("parquet", "0.18")]
    public async Task Each_expectation_gives_gx_verdict_and_unexpected_count(string format, string version)
    {
        var csv = Path.Combine(Folder, "catalog.csv");
        var data = format == "csv"
            ? new DatasetOptions { Name = "catalog", Path = csv, DisplayPath = "catalog.csv" }
            : new DatasetOptions { Name = "catalog", Path = await ParquetFiles.FromCsvAsync(csv, Path.Combine(_dir.Path, "catalog.parquet")), DisplayPath = "catalog.parquet", Format = DataFormat.Parquet };

        // The tables row_count_equal_other_table names, beside the suite.
        File.Copy(Path.Combine(Folder, "other.csv"), Path.Combine(_dir.Path, "other.csv"));
        File.Copy(Path.Combine(Folder, "short.csv"), Path.Combine(_dir.Path, "short.csv"));

        var run = new GateRunner().Run(GatesConfigLoader.LoadSuite(Suite(version), data, _dir.Path));
        var checks = run.Gates.Single().Checks;

        Assert.Equal(Cases.Count, checks.Count);
        var problems = new List<string>();
        for (var i = 0; i < Cases.Count; i++)
        {
            var expected = Cases[i]!;
            var check = checks[i];
            var what = $"{i}: {expected["type"]} {expected["kwargs"]!.ToJsonString()}";
            if (check.Success != expected["success"]!.GetValue<bool>())
            {
                problems.Add($"{what}: success {check.Success}, GX {expected["success"]} ({check.Message})");
            }

            if (expected["unexpected_count"] is { } count && check.UnexpectedCount != count.GetValue<long>())
            {
                problems.Add($"{what}: {check.UnexpectedCount} unexpected, GX {count} ({check.Message})");
            }

            if (expected["observed_infinite"] is not null && check.ObservedValue is not null)
            {
                problems.Add($"{what}: observed {check.ObservedValue}, GX an infinite divergence (none)");
            }

            if (expected["observed_value"] is { } observed && !SameValue(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(check.ObservedValue)), observed))
            {
                problems.Add($"{what}: observed {System.Text.Json.JsonSerializer.Serialize(check.ObservedValue)}, GX {observed.ToJsonString()}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // GX's result shape for all of them, observed lists and maps as JSON.
        var validation = JsonNode.Parse(Reporting.GxValidation.Serialize(run))!;
        var schema = Json.Schema.JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "gx-validation.schema.json")));
        Assert.True(schema.Evaluate(validation).IsValid);
        var results = validation["results"]!.AsArray();
        Assert.Equal(Cases.Count, results.Count);
        var distinct = Cases.Select((c, i) => (c, i)).First(x => x.c!["type"]!.GetValue<string>() == "expect_column_distinct_values_to_be_in_set").i;
        Assert.IsType<JsonArray>(results[distinct]!["result"]!["observed_value"]);
    }

    /// <summary>Python writes 2.0 where .NET writes 2: numbers compare by value (to 1e-9 relative), the rest as JSON.</summary>
    private static bool SameValue(JsonNode? ours, JsonNode? theirs) => (ours, theirs) switch
    {
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(p => SameValue(p.First, p.Second)),
        (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(p => b.ContainsKey(p.Key) && SameValue(p.Value, b[p.Key])),
        (JsonValue a, JsonValue b) when a.TryGetValue<double>(out var x) && b.TryGetValue<double>(out var y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(y)),
        _ => ours?.ToJsonString() == theirs?.ToJsonString(),
    };
}
