using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.Gates.Cli;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary><c>mlops-gates monitor</c> over a sequence of runs: Prometheus metrics that parse, and one issue opened then updated.</summary>
public sealed partial class MonitorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeGitHubServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    private static string Rows(int count, double shift, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { "age,plan" };
        for (var i = 0; i < count; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{(random.NextDouble() * 40) + 20 + shift:0.##},{(random.Next(2) == 0 ? "basic" : "pro")}"));
        }

        return string.Join('\n', lines) + "\n";
    }

    private (int Exit, string Out) Monitor(string current, string? gate = null)
    {
        var output = new StringWriter();
        var variables = new Dictionary<string, string?> { ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_API_URL"] = _server.ApiUrl, ["GITHUB_TOKEN"] = "ghs_token" };
        var app = new GatesApp(output, output) { Variables = name => variables.GetValueOrDefault(name) };
        var exit = app.Run(["monitor", "-c", Path.Combine(_dir.Path, "mlops-gates.yml"), "--current", current, "--issue-after", "2", "-r", Path.Combine(_dir.Path, "reports"), "--ci", "none", .. gate is null ? Array.Empty<string>() : ["--gate", gate]]);
        return (exit, output.ToString());
    }

    private string Logs(string name, double shift, int seed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "2026-06-01.csv"), Rows(300, shift, seed));
        File.WriteAllText(Path.Combine(folder, "2026-06-02.csv"), Rows(300, shift, seed + 1));
        return folder;
    }

    [Fact]
    public void A_named_gate_runs_though_another_gate_reads_a_model_only_a_build_trains()
    {
        _dir.Write("reference.csv", Rows(500, 0, 1));
        _dir.Write("mlops-gates.yml", """
            gates:
              - name: production-drift
                type: drift
                reference: reference.csv
                current: reference.csv
              - name: model
                type: evaluate
                model: models/not-trained-yet.zip
                data: reference.csv
                label: plan
                metrics:
                  accuracy: 0.8
            """);

        var (named, namedOut) = Monitor(Logs("calm", 0, 3), "production-drift");
        var (all, allOut) = Monitor(Logs("calm2", 0, 4));

        Assert.True(named == 0, namedOut);
        Assert.Contains("no dataset drift", namedOut, StringComparison.Ordinal);
        Assert.True(all == 2, allOut);
        Assert.Contains("not-trained-yet.zip' not found", allOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Persistent_drift_opens_one_issue_and_then_updates_it_and_the_metrics_parse()
    {
        _dir.Write("reference.csv", Rows(2000, 0, 1));
        _dir.Write("mlops-gates.yml", "gates:\n  - name: production-drift\n    type: drift\n    reference: reference.csv\n    current: reference.csv\n    drift_share: 0.5\n");
        var drifted = Logs("drifted", 15, 2);
        var calm = Logs("calm", 0, 3);

        var first = Monitor(drifted);
        var second = Monitor(drifted);
        var third = Monitor(drifted);
        var prometheus = File.ReadAllText(Path.Combine(_dir.Path, "reports", "mlops_gates.prom"));
        var fourth = Monitor(calm);

        Assert.Equal(1, first.Exit);
        Assert.Contains("dataset drift, 1 run(s) in a row", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("issue #", first.Out, StringComparison.Ordinal);
        Assert.Contains("opened issue #1", second.Out, StringComparison.Ordinal);
        Assert.Contains("updated issue #1", third.Out, StringComparison.Ordinal);
        var issue = Assert.Single(_server.Issues.Values);
        Assert.Contains("<!-- mlops-gates-monitor:production-drift -->", issue["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("**3** monitoring runs", issue["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("mlops-gates-drift", issue["labels"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(0, fourth.Exit);
        Assert.Contains("no dataset drift", fourth.Out, StringComparison.Ordinal);

        var samples = Parse(prometheus);
        Assert.Equal(1, samples[("mlops_gates_dataset_drift", "gate=\"production-drift\"")]);
        Assert.Equal(3, samples[("mlops_gates_consecutive_drift_runs", "gate=\"production-drift\"")]);
        Assert.Equal(600, samples[("mlops_gates_rows_seen", "gate=\"production-drift\"")]);
        Assert.Equal(2, samples[("mlops_gates_gate_status", "gate=\"production-drift\"")]);
        Assert.Equal(1, samples[("mlops_gates_column_drifted", "gate=\"production-drift\",column=\"age\"")]);
        Assert.Contains(samples.Keys, k => k.Metric == "mlops_gates_drift_score" && k.Labels.Contains("column=\"age\"", StringComparison.Ordinal));
        var calmSamples = Parse(File.ReadAllText(Path.Combine(_dir.Path, "reports", "mlops_gates.prom")));
        Assert.Equal(0, calmSamples[("mlops_gates_consecutive_drift_runs", "gate=\"production-drift\"")]);
    }

    /// <summary>Reads Prometheus' text format strictly: HELP and TYPE before each metric's samples, names and labels well formed.</summary>
    private static Dictionary<(string Metric, string Labels), double> Parse(string text)
    {
        var samples = new Dictionary<(string, string), double>();
        var typed = new HashSet<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal("gauge", parts[3]);
                typed.Add(parts[2]);
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: {line}");
            Assert.Contains(match.Groups["name"].Value, typed);
            samples[(match.Groups["name"].Value, match.Groups["labels"].Value)] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""(?:,[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"")*)\} (?<value>[-+0-9.eE]+|NaN|[+-]Inf)$")]
    private static partial Regex Sample();
}
