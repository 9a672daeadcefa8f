using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// The evaluate gate over predictions files, end to end from the gates file to report.json, against scikit-learn 1.2's
/// values (Fixtures/evaluation), within 1e-9.
/// </summary>
public sealed class EvaluatePredictionsTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation");
    private static readonly JsonElement Binary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "binary-metrics.json"))).RootElement;
    private static readonly JsonElement MulticlassRegression = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "multiclass-regression.json"))).RootElement;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private RunResult Run(string gate)
    {
        var config = _dir.Write("mlops-gates.yml", "allow_outside: true # the fixtures are beside the test binaries\ngates:\n" + gate);
        return new GateRunner().Run(GatesConfigLoader.Load(config));
    }

    private static void AssertClose(JsonElement expected, Func<string, double> actual, string what)
    {
        foreach (var metric in expected.EnumerateObject())
        {
            var got = actual(metric.Name);
            Assert.True(Math.Abs(metric.Value.GetDouble() - got) <= 1e-9, $"{what} {metric.Name}: expected {metric.Value.GetDouble():R}, got {got:R}");
        }
    }

    [Fact]
    public void Binary_predictions_and_their_slices_equal_scikit_learn_through_report_json()
    {
        var run = Run($"""
              - name: churn
                type: evaluate
                predictions: {Path.Combine(Fixtures, "predictions-3000.csv")}
                label: label
                columns:
                  predicted: predicted
                  probability: score
                metrics:
                  accuracy: 0.8
                slices:
                  - columns: [segment]
            """);
        ReportWriter.Write(run, run.Config is null ? new ReportSettings() : new ReportSettings(), _dir.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "report.json")));
        var evaluation = json.RootElement.GetProperty("gates")[0].GetProperty("evaluation");
        var metrics = evaluation.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m);
        var slices = evaluation.GetProperty("slices").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("metrics"));

        AssertClose(Binary.GetProperty("overall"), name => metrics[name].GetProperty("value").GetDouble(), "overall");
        foreach (var segment in new[] { "north", "south", "east", "west", "online" })
        {
            AssertClose(Binary.GetProperty("segment_" + segment), name => slices["segment=" + segment].GetProperty(name).GetDouble(), segment);
        }

        var accuracy = metrics["accuracy"];
        Assert.Equal("passed", accuracy.GetProperty("verdict").GetString());
        foreach (var field in new[] { "name", "value", "baseline", "delta", "intervalLow", "intervalHigh", "pValue", "verdict", "rule" })
        {
            Assert.True(accuracy.TryGetProperty(field, out _), field);
        }

        Assert.Equal(3000, evaluation.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Multiclass_predictions_with_a_probability_column_per_class_equal_scikit_learn()
    {
        var run = Run($"""
              - name: classes
                type: evaluate
                predictions: {Path.Combine(Fixtures, "multiclass-800.csv")}
                label: actual
                columns:
                  predicted: predicted
                  probabilities: {"{"} "0": p0, "1": p1, "2": p2, "3": p3 {"}"}
                metrics:
                  micro_accuracy: 0.1
            """);

        var gate = run.Gates.Single();
        var all = new Dictionary<string, double>(gate.Metrics);
        Assert.Equal("multiclass", gate.Evaluation!.Task);
        Assert.Equal(["0", "1", "2", "3"], gate.Evaluation.Classes);
        AssertClose(MulticlassRegression.GetProperty("multiclass"), name => all[name], "multiclass");
        var confusion = MulticlassRegression.GetProperty("confusion");
        for (var a = 0; a < 4; a++)
        {
            for (var p = 0; p < 4; p++)
            {
                Assert.Equal(confusion[a][p].GetInt64(), gate.Evaluation.Confusion![a][p]);
            }
        }
    }

    [Fact]
    public void Regression_is_inferred_from_numeric_labels_and_equals_scikit_learn()
    {
        var run = Run($"""
              - name: values
                type: evaluate
                predictions: {Path.Combine(Fixtures, "regression-500.csv")}
                label: actual
                metrics:
                  rmse: 10
                  mean_absolute_error: 10
            """);

        var gate = run.Gates.Single();
        Assert.Equal("regression", gate.Evaluation!.Task);
        AssertClose(MulticlassRegression.GetProperty("regression"), name => gate.Metrics[name], "regression");
        Assert.Equal(GateStatus.Passed, gate.Status);
        Assert.Contains(gate.Checks, c => c.Id == "mae");
    }

    [Fact]
    public void Reports_show_the_comparison_curves_and_confusion_matrix_and_escape_class_names()
    {
        var lines = new List<string> { "label,predicted,score,segment" };
        var random = new Random(5);
        for (var i = 0; i < 400; i++)
        {
            var positive = random.NextDouble() < 0.4;
            var score = Math.Clamp((positive ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.6), 0, 1);
            lines.Add(FormattableString.Invariant($"{(positive ? "<script>" : "a|b")},{(score >= 0.5 ? "<script>" : "a|b")},{score:0.####},{(i % 2 == 0 ? "@team" : "x")}"));
        }

        var candidate = _dir.Write("candidate.csv", string.Join('\n', lines) + "\n");
        var baseline = _dir.Write("baseline.csv", string.Join('\n', lines.Select((l, i) => i % 9 == 1 ? l.Replace(",<script>,", ",a|b,", StringComparison.Ordinal) : l)) + "\n");
        var run = Run($"""
              - name: hostile
                type: evaluate
                predictions: {candidate}
                baseline: {baseline}
                label: label
                positive_class: "<script>"
                columns: {"{"} predicted: predicted, score: score {"}"}
                metrics:
                  accuracy: {"{"} threshold: 0.5, non_inferiority_margin: 0.05 {"}"}
                slices:
                  - columns: [segment]
                    metrics: {"{"} accuracy: 0.5 {"}"}
            """);
        var renderer = new ReportRenderer();
        var md = renderer.RenderMarkdown(run);
        var html = renderer.Render(TemplateNames.Html, run);

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("a|b", md, StringComparison.Ordinal);
        Assert.DoesNotContain("@team", md, StringComparison.Ordinal);
        Assert.Contains("| Metric | Candidate | Baseline | Change | Interval | Rule |", md, StringComparison.Ordinal);
        Assert.Contains("McNemar's exact test", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"curve\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"precision-recall curve\"", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"confusion\">", html, StringComparison.Ordinal);
        Assert.Contains("<th>&lt;script&gt;</th>", html, StringComparison.Ordinal);
        var gate = run.Gates.Single();
        var accuracy = gate.Evaluation!.Metrics.Single(m => m.Name == "accuracy");
        Assert.NotNull(accuracy.Baseline);
        Assert.True(accuracy.Delta > 0);
        Assert.NotNull(accuracy.IntervalLow);
    }

    [Fact]
    public async Task A_parquet_predictions_file_gives_the_same_metrics()
    {
        var parquet = await ParquetFiles.FromCsvAsync(Path.Combine(Fixtures, "predictions-3000.csv"), Path.Combine(_dir.Path, "predictions.parquet"));

        var gate = Run($"""
              - name: churn
                type: evaluate
                predictions: {parquet}
                label: label
                columns: {"{"} predicted: predicted, probability: score {"}"}
                metrics:
                  accuracy: 0.8
            """).Gates.Single();

        AssertClose(Binary.GetProperty("overall"), name => gate.Metrics[name], "parquet");
    }
}
