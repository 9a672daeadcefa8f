using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

public sealed class ThresholdJudgeTests
{
    private static ThresholdVerdict One(MetricThreshold t, double candidate, double? baseline) =>
        ThresholdJudge.Judge([t], new Dictionary<string, double> { [t.Metric] = candidate }, baseline is null ? null : new Dictionary<string, double> { [t.Metric] = baseline.Value })[0];

    [Theory]
    [InlineData("accuracy", 0.80, 0.81, true)]
    [InlineData("accuracy", 0.80, 0.79, false)]
    [InlineData("log_loss", 0.40, 0.39, true)]
    [InlineData("log_loss", 0.40, 0.41, false)]
    public void Absolute_thresholds_know_the_metric_direction(string metric, double bar, double value, bool passes) =>
        Assert.Equal(passes, One(new MetricThreshold(metric, Threshold: bar), value, null).Passed);

    [Fact]
    public void Changes_against_the_baseline_follow_mlflow()
    {
        Assert.True(One(new MetricThreshold("f1", MinAbsoluteChange: 0.01), 0.82, 0.80).Passed);
        Assert.False(One(new MetricThreshold("f1", MinAbsoluteChange: 0.05), 0.82, 0.80).Passed);
        Assert.True(One(new MetricThreshold("rmse", MinRelativeChange: 0.05), 9.0, 10.0).Passed);
        Assert.False(One(new MetricThreshold("rmse", MinRelativeChange: 0.05), 9.8, 10.0).Passed);
    }

    [Fact]
    public void A_negative_baseline_does_not_flip_the_relative_rule()
    {
        // r2 from -0.5 to -0.4 is a 20% improvement; dividing by the signed baseline would call it -20%.
        var verdict = One(new MetricThreshold("r2", MinRelativeChange: 0.1), -0.4, -0.5);

        Assert.True(verdict.Passed, string.Join("; ", verdict.Failures));
        Assert.False(One(new MetricThreshold("r2", MinRelativeChange: 0.1), -0.6, -0.5).Passed);
    }

    [Fact]
    public void A_zero_baseline_falls_back_to_the_absolute_rule_with_a_note()
    {
        var better = One(new MetricThreshold("r2", MinRelativeChange: 0.1), 0.2, 0.0);
        var worse = One(new MetricThreshold("r2", MinRelativeChange: 0.1), -0.2, 0.0);
        var absolute = One(new MetricThreshold("r2", MinAbsoluteChange: 0.3, MinRelativeChange: 0.1), 0.2, 0.0);

        Assert.True(better.Passed);
        Assert.Contains(better.Notes, n => n.Contains("absolute rule", StringComparison.Ordinal));
        Assert.False(worse.Passed);
        Assert.False(absolute.Passed);
    }

    [Fact]
    public void A_missing_baseline_is_a_rubber_stamp_unless_it_must_fail()
    {
        var stamp = One(new MetricThreshold("accuracy", MinAbsoluteChange: 0.01), 0.9, null);
        var strict = One(new MetricThreshold("accuracy", MinAbsoluteChange: 0.01, FailOnMissingBaseline: true), 0.9, null);

        Assert.True(stamp.Passed);
        Assert.True(stamp.Warning);
        Assert.False(strict.Passed);
    }

    [Fact]
    public void A_missing_metric_fails_and_every_failing_rule_is_reported()
    {
        var verdicts = ThresholdJudge.Judge(
            [new MetricThreshold("accuracy", Threshold: 0.9, MinAbsoluteChange: 0.05), new MetricThreshold("roc_auc", Threshold: 0.8)],
            new Dictionary<string, double> { ["accuracy"] = 0.85 },
            new Dictionary<string, double> { ["accuracy"] = 0.84 });

        Assert.Equal(2, verdicts[0].Failures.Count);
        Assert.False(verdicts[1].Passed);
        Assert.Contains("no value for roc_auc", verdicts[1].Failures[0], StringComparison.Ordinal);
    }
}
