using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary><c>evaluate --baseline</c> without <c>--label</c>: a shadow comparison from the command line, its exit codes and options.</summary>
public sealed class ShadowCommandTests(EvaluationModelsFixture models) : IClassFixture<EvaluationModelsFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Unlabelled() =>
        _dir.Write("recent.csv", string.Join('\n', File.ReadAllLines(models.Holdout).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 4)))) + "\n");

    private (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run([.. args, "--no-progress", "--report-dir", Path.Combine(_dir.Path, "reports")]);

    [Fact]
    public void Agreement_above_the_bar_exits_0_and_below_it_exits_1_with_MLG5007()
    {
        var data = Unlabelled();

        var passed = Run("evaluate", "--model", models.Good, "--data", data, "--baseline", models.Weak, "--min-agreement", "0.5", "--disagreements", "3");
        var failed = Run("evaluate", "--model", models.Good, "--data", data, "--baseline", models.Weak, "--min-agreement", "0.9999");

        Assert.True(passed.Exit == 0, passed.Out + passed.Err);
        Assert.Matches(@"mlops-gates: compared evaluate with its baseline on unlabelled rows: agreement 0\.\d+ \(\d+ of 1200\)", passed.Out);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("error MLG5007: evaluate: agreement: predicts the baseline's class on", failed.Out, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(_dir.Path, "reports", "report.md"));
        Assert.Contains("Shadow comparison on", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-agreement", "1.5")]
    [InlineData("--disagreements", "5000")]
    [InlineData("--compare", "sideways")]
    [InlineData("--agreement-tolerance", "-1")]
    public void Bad_shadow_options_exit_2_naming_the_option(string option, string value)
    {
        var (exit, output, error) = Run("evaluate", "--model", models.Good, "--data", Unlabelled(), "--baseline", models.Weak, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("MLG9001", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_label_or_a_baseline_the_label_is_asked_for()
    {
        var (exit, output, error) = Run("evaluate", "--model", models.Good, "--data", Unlabelled(), "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("--label is required", output + error, StringComparison.Ordinal);
    }
}
