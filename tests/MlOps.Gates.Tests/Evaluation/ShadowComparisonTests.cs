using Microsoft.ML;
using MlOps.Gates.Config;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// Champion and challenger without labels: two models trained in the test score the same unlabelled rows; the
/// agreement equals a direct count of ML.NET's own predictions, the rows listed are the ones that differ most.
/// </summary>
public sealed class ShadowComparisonTests(EvaluationModelsFixture models) : IClassFixture<EvaluationModelsFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }
    }

    /// <summary>The holdout file without its label column: production data as it arrives.</summary>
    private string Unlabelled()
    {
        var lines = File.ReadAllLines(models.Holdout).Select(l => l.Split(',')).Select(c => string.Join(',', c.Where((_, i) => i != 4)));
        return _dir.Write("recent.csv", string.Join('\n', lines) + "\n");
    }

    private RunResult Run(string gate) =>
        new GateRunner(new Gates.FixedTime(Gates.Now)).Run(GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", "allow_outside: true\ngates:\n" + gate)));

    private static List<Prediction> Predict(string model, string data)
    {
        var ml = new MLContext(seed: 0);
        return ml.Data.CreateEnumerable<Prediction>(ml.Model.Load(model, out _).Transform(TrainedModels.Load(ml, data)), reuseRowObject: false).ToList();
    }

    [Fact]
    public void Agreement_of_two_binary_models_equals_a_direct_count_and_the_listed_rows_differ_most()
    {
        var data = Unlabelled();
        var run = Run($"""
              - name: shadow
                type: evaluate
                model: {models.Good}
                data: {data}
                baseline: {models.Weak}
                min_agreement: 0.5
                disagreements: 15
            """);

        var good = Predict(models.Good, models.Holdout);
        var weak = Predict(models.Weak, models.Holdout);
        var agreeing = good.Zip(weak).Count(p => p.First.PredictedLabel == p.Second.PredictedLabel);
        var gate = run.Gates.Single();
        var shadow = gate.Shadow!;
        Assert.Equal("binary", shadow.Task);
        Assert.Equal(1200, shadow.Rows);
        Assert.Equal(agreeing, shadow.Agreeing);
        Assert.Equal((double)agreeing / 1200, gate.Metrics["agreement"], 15);
        Assert.InRange(agreeing, 1, 1199);
        Assert.Equal(good.Zip(weak).Average(p => Math.Abs((double)p.First.Probability - p.Second.Probability)), shadow.MeanAbsoluteDifference!.Value, 12);
        var expectedRows = good.Zip(weak).Select((p, i) => (Row: i + 1L, Differ: p.First.PredictedLabel != p.Second.PredictedLabel, Difference: Math.Abs((double)p.First.Probability - p.Second.Probability)))
            .Where(r => r.Differ).OrderByDescending(r => r.Difference).ThenBy(r => r.Row).Take(15).Select(r => r.Row);
        Assert.Equal(expectedRows, shadow.Disagreements.Select(d => d.Row));
        Assert.Equal(good.Count(p => p.PredictedLabel) / 1200.0, shadow.Classes.Single(c => c.Class == "true").Candidate, 15);
        Assert.Equal(["predicted", "probability"], shadow.Drift.Select(d => d.Output));
        Assert.Equal(GateStatus.Passed, gate.Checks.Single(c => c.Id == "agreement").Status);

        var md = new ReportRenderer().Render(TemplateNames.Markdown, run);
        var html = new ReportRenderer().Render(TemplateNames.Html, run);
        Assert.Contains($"| {agreeing} of 1200 |", md.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<table class=\"disagreements\">", html, StringComparison.Ordinal);
        Assert.Contains("\"shadow\": {", ReportJson.Serialize(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_below_min_agreement_fails_with_its_code_and_a_model_against_itself_agrees_everywhere()
    {
        var data = Unlabelled();
        var strict = Run($"""
              - name: shadow
                type: evaluate
                compare: shadow
                model: {models.Good}
                data: {data}
                baseline: {models.Weak}
                min_agreement: 0.999
            """).Gates.Single();
        var same = Run($"""
              - name: tiers
                type: evaluate
                model: {models.Tiers}
                data: {data}
                baseline: {models.Tiers}
                min_agreement: 1
              - name: spend
                type: evaluate
                model: {models.Spend}
                data: {data}
                baseline: {models.Spend}
                min_agreement: 1
            """).Gates;

        Assert.Equal(GateStatus.Failed, strict.Status);
        Assert.Equal(ErrorCodes.ShadowAgreement, strict.Findings.Single(f => f.Severity == Severity.Error).Code);
        Assert.All(same, g =>
        {
            Assert.Equal(GateStatus.Passed, g.Status);
            Assert.Equal(1.0, g.Shadow!.Agreement);
            Assert.Empty(g.Shadow.Disagreements);
            Assert.All(g.Shadow.Drift, d => Assert.False(d.Drifted));
        });
        Assert.Equal("multiclass", same[0].Shadow!.Task);
        Assert.Equal(["predicted", "confidence"], same[0].Shadow!.Drift.Select(d => d.Output));
        Assert.Equal(0.0, same[1].Shadow!.MeanAbsoluteDifference);
    }

    [Fact]
    public void A_regression_pair_agrees_within_the_tolerance()
    {
        var data = Unlabelled();
        var gate = Run($"""
              - name: spend
                type: evaluate
                model: {models.Spend}
                data: {data}
                baseline: {models.Spend}
                agreement_tolerance: 0.5
            """).Gates.Single();

        Assert.Equal("regression", gate.Shadow!.Task);
        Assert.Equal(0.5, gate.Shadow.Tolerance);
        Assert.Null(gate.Shadow.MinAgreement);
        Assert.Equal(GateStatus.Passed, gate.Checks.Single(c => c.Id == "agreement").Status);
    }

    [Theory]
    [InlineData("compare: shadow\n    predictions: {holdout}\n    baseline: {holdout}", "a shadow comparison scores the data with both models")]
    [InlineData("model: {good}\n    data: {data}\n    baseline: {weak}\n    metrics: {{accuracy: 0.5}}", "no labels to measure metrics")]
    [InlineData("model: {good}\n    data: {data}\n    label: Churned\n    min_agreement: 0.9\n    metrics: {{accuracy: 0.5}}", "'min_agreement' belongs to a shadow comparison")]
    [InlineData("model: {good}\n    data: {data}\n    baseline: {weak}\n    min_agreement: 1.5", "min_agreement")]
    [InlineData("model: {good}\n    data: {data}\n    baseline: {weak}\n    disagreements: 5000", "'disagreements' is how many rows to show")]
    [InlineData("model: {good}\n    data: {data}\n    compare: both\n    baseline: {weak}", "compare")]
    public void Bad_shadow_settings_are_positioned_config_errors(string body, string message)
    {
        var data = Unlabelled();
        var text = body.Replace("{holdout}", models.Holdout, StringComparison.Ordinal).Replace("{good}", models.Good, StringComparison.Ordinal)
            .Replace("{weak}", models.Weak, StringComparison.Ordinal).Replace("{data}", data, StringComparison.Ordinal)
            .Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
        var path = _dir.Write("mlops-gates.yml", $"allow_outside: true\ngates:\n  - name: g\n    type: evaluate\n    {text}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path));

        var finding = Assert.Single(error.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.EndsWith("mlops-gates.yml", finding.Location!.File, StringComparison.Ordinal);
        Assert.True(finding.Location.Line > 1, finding.ToString());
    }
}
