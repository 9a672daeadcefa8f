using System.Globalization;
using System.Text.Json.Nodes;
using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

/// <summary>
/// DeLong's test of two correlated ROC AUCs against values computed once (Fixtures/delong/reference.py: scipy's midranks
/// and Sun and Xu's placements, checked there against the O(m n) kernel), with ties and without, and pROC's own rule
/// that identical curves give Z = 0 and p = 1.
/// </summary>
public sealed class DeLongTestTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "delong");

    [Theory]
    [InlineData("continuous-1000")]
    [InlineData("ties-200")]
    [InlineData("heavy-ties-57")]
    [InlineData("close-400")]
    public void Matches_the_reference(string name)
    {
        var (positive, first, second) = Read(name);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))![name]!;

        var result = DeLongTest.Test(positive, first, BinaryMetrics.Ascending(first), second, BinaryMetrics.Ascending(second))!.Value;

        Assert.Equal(expected["first_auc"]!.GetValue<double>(), result.FirstAuc, 12);
        Assert.Equal(expected["second_auc"]!.GetValue<double>(), result.SecondAuc, 12);
        Assert.Equal(expected["z"]!.GetValue<double>(), result.Z, 9);
        Assert.True(Math.Abs(expected["p_value"]!.GetValue<double>() - result.PValue) <= 1e-9 * Math.Max(1e-3, expected["p_value"]!.GetValue<double>()), $"{result.PValue}");
        Assert.Equal(BinaryMetrics.Compute(positive, first.Select(s => s > 0).ToArray(), first)["roc_auc"], result.FirstAuc, 12);
    }

    [Fact]
    public void An_evaluate_gate_judges_the_significance_of_an_auc_change_by_DeLongs_test()
    {
        using var dir = new TempDir();
        var (positive, first, second) = Read("close-400");
        dir.Write("candidate.csv", "label,score\n" + string.Concat(positive.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(p ? 1 : 0)},{first[i]:R}\n"))));
        dir.Write("baseline.csv", "label,score\n" + string.Concat(positive.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(p ? 1 : 0)},{second[i]:R}\n"))));
        var config = Config.GatesConfigLoader.Load(dir.Write("mlops-gates.yml", """
            gates:
              - name: model
                type: evaluate
                predictions: candidate.csv
                baseline: baseline.csv
                label: label
                columns: {score: score}
                bootstrap: {resamples: 200}
                metrics:
                  roc_auc: {min_absolute_change: 0, require_significant: 0.05}
            """));

        var run = new Running.GateRunner().Run(config);

        var row = run.Gates.Single().Evaluation!.Metrics.Single(m => m.Name == "roc_auc");
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!["close-400"]!["p_value"]!.GetValue<double>();
        Assert.Equal(("DeLong", expected), (row.PValueTest, row.PValue!.Value), new PValueComparer());
        Assert.Contains("not a significant improvement (DeLong p = 0.6987", row.Failures.Single(), StringComparison.Ordinal);
        Assert.Contains("\"pValueTest\": \"DeLong\"", Reporting.ReportJson.Serialize(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_curves_give_z_0_and_p_1_as_pROC_says()
    {
        var positive = new[] { true, false, true, false, false, true };
        double[] scores = [0.9, 0.1, 0.4, 0.4, 0.3, 0.8];

        var result = DeLongTest.Test(positive, scores, BinaryMetrics.Ascending(scores), scores, BinaryMetrics.Ascending(scores))!.Value;

        Assert.Equal((0.0, 1.0), (result.Z, result.PValue));
    }

    [Fact]
    public void Fewer_than_two_rows_of_a_class_give_no_test()
    {
        double[] scores = [0.9, 0.1, 0.4];

        Assert.Null(DeLongTest.Test([true, false, false], scores, BinaryMetrics.Ascending(scores), scores, BinaryMetrics.Ascending(scores)));
    }

    private static (bool[] Positive, double[] First, double[] Second) Read(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, name + ".csv")).Skip(1).Select(l => l.Split(',')).ToList();
        return (
            lines.Select(l => l[0] == "1").ToArray(),
            lines.Select(l => double.Parse(l[1], CultureInfo.InvariantCulture)).ToArray(),
            lines.Select(l => double.Parse(l[2], CultureInfo.InvariantCulture)).ToArray());
    }

    private sealed class PValueComparer : IEqualityComparer<(string?, double)>
    {
        public bool Equals((string?, double) x, (string?, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= 1e-9;

        public int GetHashCode((string?, double) obj) => 0;
    }
}
