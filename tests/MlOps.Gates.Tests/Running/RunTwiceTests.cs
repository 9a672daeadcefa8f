using System.Globalization;
using System.Text.Json.Nodes;
using MlOps.Gates.Config;
using MlOps.Gates.Reporting;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// A loaded configuration is a definition, not run state: a monitor loop, a test host or an MSBuild node may run it
/// again and must get the same result, not counts carried over from the last run.
/// </summary>
public sealed class RunTwiceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void One_loaded_configuration_run_twice_gives_identical_results()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 2_900},{random.Next(0, 130)},{(i % 7 == 0 ? "x-" : "id-")}{i % 50},{random.NextDouble() * 100:0.###}"));
        _dir.Write("data.csv", "id,age,code,amount\n" + string.Join('\n', rows) + "\n");
        _dir.Write("reference.csv", "id,age,code,amount\n" + string.Join('\n', Enumerable.Range(0, 1_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{(i * 37) % 120},id-{i % 40},{(i * 13) % 100}"))) + "\n");
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: quality
                dataset: {path: data.csv}
                checks:
                  - {expect: unique, column: id}
                  - {expect: between, column: age, min: 0, max: 120, mostly: 0.9}
                  - {expect: regex, column: code, pattern: "^id-"}
                  - {expect: median_between, column: amount, min: 40, max: 60}
                  - {expect: distinct_count_between, column: code, min: 1, max: 80}
                  - {expect: duplicate_rows_at_most, max: 0}
                  - {expect: row_count_between, min: 1, max: 5000}
              - name: drift
                type: drift
                reference: reference.csv
                current: data.csv
            """));
        var runner = new GateRunner(new Gates.FixedTime(Gates.Now));

        var first = runner.Run(config);
        var second = runner.Run(config);

        Assert.Equal(Comparable(ReportJson.Serialize(first)), Comparable(ReportJson.Serialize(second)));
        var unique = first.Gates[0].Checks[0];
        Assert.Equal(3_000, unique.ElementCount);
        Assert.Equal(200, unique.UnexpectedCount); // both rows of each of the 100 repeated ids, as Great Expectations counts them
        Assert.Equal(unique.UnexpectedCount, second.Gates[0].Checks[0].UnexpectedCount);
    }

    /// <summary>The report without what differs between two runs of the same thing: how long they took.</summary>
    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var key in o.Select(p => p.Key).Where(k => k.Contains("duration", StringComparison.OrdinalIgnoreCase) || k.Contains("seconds", StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        o.Remove(key);
                    }

                    foreach (var child in o.Select(p => p.Value).ToList())
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }
}
