using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Profiling;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// <c>profile --format gx</c>: the starter suite as a Great Expectations 1.x suite, in GX's shape, that reads back
/// into the same checks with the same verdicts as the suite in this tool's own format.
/// </summary>
public sealed class GxSuiteWriterTests : IDisposable
{
    private static readonly string[] CoreTypes =
    [
        "expect_table_columns_to_match_ordered_list", "expect_table_row_count_to_be_between", "expect_column_to_exist",
        "expect_column_values_to_be_of_type", "expect_column_values_to_not_be_null", "expect_column_values_to_be_between",
        "expect_column_values_to_be_in_set", "expect_column_values_to_be_unique", "expect_column_value_lengths_to_be_between",
    ];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_gx_suite_has_gx_s_shape_and_checks_the_data_as_the_yaml_suite_does()
    {
        var csv = new StringBuilder("id,age,plan,score,active,joined,note\n");
        for (var row = 1; row <= 3000; row++)
        {
            var age = row % 100 == 0 ? string.Empty : (18 + (row % 60)).ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{row},{age},{(row % 3 == 0 ? "pro" : "basic")},{row / 100.0:0.00},{(row % 2 == 0 ? "true" : "false")},2026-01-{1 + (row % 28):00},note {row}\n");
        }

        var data = new DatasetOptions { Name = "customers", Path = _dir.Write("customers.csv", csv.ToString()), DisplayPath = "customers.csv" };
        var profile = DatasetProfiler.Profile(data, new ProfileOptions());
        var gx = _dir.Write("suite.json", GxSuiteWriter.Write(profile, new ProfileOptions()));
        var yaml = _dir.Write("suite.yml", SuiteWriter.Write(profile, new ProfileOptions()));

        var suite = JsonNode.Parse(File.ReadAllText(gx))!.AsObject();
        Assert.Equal(["name", "expectations", "meta", "notes"], suite.Select(p => p.Key));
        Assert.Equal("customers", suite["name"]!.GetValue<string>());
        foreach (var expectation in suite["expectations"]!.AsArray())
        {
            Assert.Equal(["type", "kwargs", "meta", "severity"], expectation!.AsObject().Select(p => p.Key));
            Assert.Contains(expectation["type"]!.GetValue<string>(), CoreTypes);
        }

        Assert.Contains(suite["expectations"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "expect_column_values_to_not_be_null" && e["kwargs"]!["column"]!.GetValue<string>() == "age" && e["kwargs"]!["mostly"] is not null);
        Assert.Contains(suite["expectations"]!.AsArray(), e => e!["kwargs"]!["type_"]?.GetValue<string>() == "int64");

        var fromGx = Verdicts(gx, data);
        var fromYaml = Verdicts(yaml, data);
        Assert.Equal(fromYaml.Count, fromGx.Count);
        Assert.Equal(fromYaml.Select(v => (v.Success, v.Elements, v.Unexpected)), fromGx.Select(v => (v.Success, v.Elements, v.Unexpected)));
        Assert.All(fromGx, v => Assert.True(v.Success));
    }

    private static List<(bool Success, long? Elements, long? Unexpected)> Verdicts(string suite, DatasetOptions data)
    {
        var config = GatesConfigLoader.LoadSuite(suite, data, Path.GetDirectoryName(suite)!);
        return new GateRunner().Run(config).Gates.Single().Checks.Select(c => (c.Success, c.ElementCount, c.UnexpectedCount)).ToList();
    }
}
