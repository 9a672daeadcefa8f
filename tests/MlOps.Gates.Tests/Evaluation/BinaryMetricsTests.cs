using System.Globalization;
using System.Text.Json;
using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

/// <summary>
/// Binary metrics against scikit-learn 1.2's values on the same labels and scores (Fixtures/evaluation, written once
/// by build/fixtures/binary_metrics.py from eval_reference.py's generated predictions), within 1e-9.
/// </summary>
public sealed class BinaryMetricsTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation");

    private static (bool[] Labels, bool[] Predicted, double[] Scores, string[] Segments) Read()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, "predictions-3000.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        return (
            lines.Select(c => c[0] == "1").ToArray(),
            lines.Select(c => c[2] == "1").ToArray(),
            lines.Select(c => double.Parse(c[1], CultureInfo.InvariantCulture)).ToArray(),
            lines.Select(c => c[3]).ToArray());
    }

    [Fact]
    public void Metrics_equal_scikit_learn_overall_per_segment_with_ties_and_for_perfect_and_constant_predictors()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "binary-metrics.json")));
        var (labels, predicted, scores, segments) = Read();
        var tied = scores.Select(s => Math.Round(s, 1, MidpointRounding.ToEven)).ToArray();
        var cases = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["overall"] = BinaryMetrics.Compute(labels, predicted, scores),
            ["tied_scores"] = BinaryMetrics.Compute(labels, tied.Select(s => s >= 0.5).ToArray(), tied),
            ["perfect"] = BinaryMetrics.Compute(labels, labels, labels.Select(l => l ? 1.0 : 0.0).ToArray()),
            ["constant"] = BinaryMetrics.Compute(labels, labels.Select(_ => true).ToArray(), labels.Select(_ => 0.5).ToArray()),
        };
        foreach (var segment in segments.Distinct())
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => segments[i] == segment).ToArray();
            cases["segment_" + segment] = BinaryMetrics.Compute(rows.Select(i => labels[i]).ToArray(), rows.Select(i => predicted[i]).ToArray(), rows.Select(i => scores[i]).ToArray());
        }

        foreach (var @case in expected.RootElement.EnumerateObject())
        {
            foreach (var metric in @case.Value.EnumerateObject())
            {
                var want = metric.Value.GetDouble();
                var got = cases[@case.Name][metric.Name];
                Assert.True(Math.Abs(want - got) <= 1e-9, $"{@case.Name} {metric.Name}: expected {want:R}, got {got:R}");
            }
        }
    }

    [Fact]
    public void Ranking_metrics_are_undefined_with_a_single_class()
    {
        var result = BinaryMetrics.Compute([true, true], [true, false], [0.9, 0.2]);

        Assert.True(double.IsNaN(result["roc_auc"]));
        Assert.Equal(1.0, result["average_precision"]);
        Assert.Equal(0.5, result["accuracy"]);
    }
}
