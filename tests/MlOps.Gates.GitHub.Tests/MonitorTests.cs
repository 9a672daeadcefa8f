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

    /// <summary>Labelled predictions: the label, the predicted class, its probability and an age; a share of rows predicted wrong.</summary>
    private static (string Csv, int Correct, double Confidence, int NegativeAges) Predictions(int rows, double wrongShare, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { "label,predicted,probability,age" };
        var (correct, confidence, negative) = (0, 0.0, 0);
        for (var i = 0; i < rows; i++)
        {
            var label = random.Next(2);
            var right = random.NextDouble() >= wrongShare;
            var predicted = right ? label : 1 - label;
            var probability = Math.Round(predicted == 1 ? 0.5 + (random.NextDouble() * 0.5) : random.NextDouble() * 0.5, 3);
            var age = random.Next(-2, 80);
            correct += right ? 1 : 0;
            confidence += Math.Max(probability, 1 - probability);
            negative += age < 0 ? 1 : 0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{label},{predicted},{probability},{age}"));
        }

        return (string.Join('\n', lines) + "\n", correct, confidence / rows, negative);
    }

    [Fact]
    public void An_evaluate_gate_on_fresh_labels_that_get_worse_opens_one_issue_and_every_kind_writes_its_metrics()
    {
        var holdout = Predictions(1000, 0.05, 1);
        _dir.Write("holdout.csv", holdout.Csv);
        _dir.Write("mlops-gates.yml", """
            gates:
              - name: model-quality
                type: evaluate
                predictions: holdout.csv
                label: label
                columns: {predicted: predicted, probability: probability}
                metrics: {accuracy: 0.8}
              - name: batch-quality
                dataset: holdout.csv
                checks:
                  - {expect: between, column: age, min: 0, mostly: 0.9}
            """);
        var good = Predictions(600, 0.05, 2);
        var bad = Predictions(600, 0.4, 3);
        var goodFile = _dir.Write("good.csv", good.Csv);
        var badFile = _dir.Write("bad.csv", bad.Csv);

        var first = Monitor(goodFile);
        var second = Monitor(badFile);
        var third = Monitor(badFile);
        var fourth = Monitor(badFile);
        var samples = Parse(File.ReadAllText(Path.Combine(_dir.Path, "reports", "mlops_gates.prom")));

        Assert.True(first.Exit == 0, first.Out);
        Assert.Contains("model-quality: passed", first.Out, StringComparison.Ordinal);
        Assert.Equal(1, second.Exit);
        Assert.Contains("model-quality: failed, 1 run(s) in a row", second.Out, StringComparison.Ordinal);
        Assert.Contains("opened issue #1", third.Out, StringComparison.Ordinal);
        Assert.Contains("updated issue #1", fourth.Out, StringComparison.Ordinal);
        var issue = Assert.Single(_server.Issues.Values);
        Assert.Equal("Model quality below its bar: model-quality", issue["title"]!.GetValue<string>());
        Assert.Contains("**3** monitoring runs", issue["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("mlops-gates-monitor", issue["labels"]![0]!["name"]!.GetValue<string>());

        const string Model = "gate=\"model-quality\"";
        Assert.Equal((double)bad.Correct / 600, samples[("mlops_gates_metric_value", Model + ",metric=\"accuracy\"")], 12);
        Assert.Equal(bad.Confidence, samples[("mlops_gates_prediction_confidence", Model)], 12);
        Assert.Equal(1.0, samples[("mlops_gates_predicted_class_share", Model + ",class=\"0\"")] + samples[("mlops_gates_predicted_class_share", Model + ",class=\"1\"")], 12);
        Assert.Equal(3, samples[("mlops_gates_consecutive_failed_runs", Model)]);
        Assert.Equal(2, samples[("mlops_gates_gate_status", Model)]);
        Assert.Equal(600, samples[("mlops_gates_rows_seen", Model)]);
        const string Batch = "gate=\"batch-quality\",check=\"between(age)\"";
        Assert.Equal(bad.NegativeAges, samples[("mlops_gates_check_unexpected_count", Batch)]);
        Assert.Equal(1, samples[("mlops_gates_check_passed", Batch)]);
        Assert.Equal(0, samples[("mlops_gates_consecutive_failed_runs", "gate=\"batch-quality\"")]);
    }

    [Fact]
    public void A_shadow_gate_compares_challenger_and_champion_on_unlabelled_production_logs()
    {
        using var models = new EvaluationModelsFixture();
        var unlabelled = File.ReadAllLines(models.Holdout).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 4))).ToList();
        _dir.Write("mlops-gates.yml", $$"""
            allow_outside: true
            gates:
              - name: challenger
                type: evaluate
                model: {{models.Good}}
                data: {{models.Holdout}}
                baseline: {{models.Weak}}
                min_agreement: 0.5
            """);
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "production")).FullName;
        File.WriteAllText(Path.Combine(folder, "2026-06-01.csv"), string.Join('\n', unlabelled.Take(601)) + "\n");
        File.WriteAllText(Path.Combine(folder, "2026-06-02.csv"), string.Join('\n', unlabelled.Take(1).Concat(unlabelled.Skip(601))) + "\n");

        var (exit, output) = Monitor(folder);

        Assert.True(exit == 0, output);
        var report = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "reports", "report.json")))!["gates"]![0]!["shadow"]!;
        var samples = Parse(File.ReadAllText(Path.Combine(_dir.Path, "reports", "mlops_gates.prom")));
        const string Gate = "gate=\"challenger\"";
        Assert.Equal(1200, report["rows"]!.GetValue<int>());
        Assert.Equal(report["agreement"]!.GetValue<double>(), samples[("mlops_gates_shadow_agreement", Gate)], 15);
        Assert.Equal(1200, samples[("mlops_gates_rows_seen", Gate)]);
        Assert.Equal(1.0, samples[("mlops_gates_shadow_class_share", Gate + ",class=\"true\",model=\"candidate\"")] + samples[("mlops_gates_shadow_class_share", Gate + ",class=\"false\",model=\"candidate\"")], 12);
        Assert.Contains(samples.Keys, k => k.Metric == "mlops_gates_shadow_output_drifted" && k.Labels.Contains("output=\"probability\"", StringComparison.Ordinal));
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
