using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary><c>mlops-gates evaluate</c> through the command line: exit codes 0, 1 and 2, findings and reports.</summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run([.. args, "--no-progress", "--report-dir", Path.Combine(_dir.Path, "reports")]);

    private string Predictions() => _dir.Write("p.csv", "label,predicted,probability,region\n1,1,0.9,north\n0,0,0.2,north\n1,0,0.4,south\n0,0,0.1,south\n1,1,0.7,north\n0,1,0.6,south\n");

    [Fact]
    public void Predictions_that_clear_the_bars_exit_0_with_all_four_reports()
    {
        var (exit, output, _) = Run("evaluate", "--predictions", Predictions(), "--label", "label", "--metric", "accuracy=0.6", "--metric", "log_loss=0.6", "--slice", "region");

        Assert.True(exit == 0, output);
        Assert.Contains("mlops-gates: passed: 1 gate(s), 2 check(s)", output, StringComparison.Ordinal);
        Assert.Equal(["junit.xml", "report.html", "report.json", "report.md"], Directory.GetFiles(Path.Combine(_dir.Path, "reports")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_metric_below_its_bar_exits_1_with_the_code()
    {
        var (exit, output, _) = Run("evaluate", "-p", Predictions(), "-l", "label", "--metric", "accuracy=0.9", "--metric", "roc_auc=0.99");

        Assert.Equal(1, exit);
        Assert.Contains("error MLG5001: evaluate: accuracy: accuracy = 0.666667, must be at least 0.9", output, StringComparison.Ordinal);
        Assert.Contains("error MLG5001: evaluate: roc_auc:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probability_outside_0_and_1_exits_2_at_its_cell_and_writes_nothing()
    {
        var file = _dir.Write("bad.csv", "label,probability\n1,0.9\n0,1.5\n");

        var (exit, output, error) = Run("evaluate", "-p", file, "-l", "label", "--probability", "probability", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("bad.csv(3,3): error MLG3016:", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Theory]
    [InlineData("--label", "label")]
    [InlineData("--model", "m.zip", "--label", "label")]
    [InlineData("--predictions", "p.csv", "--label", "label", "--metric", "accuracy")]
    [InlineData("--predictions", "p.csv", "--label", "label", "--task", "ranking")]
    public void Bad_usage_exits_2(params string[] args)
    {
        Predictions();
        var current = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _dir.Path;
            var (exit, output, error) = Run(["evaluate", .. args]);

            Assert.True(exit == 2, output + error);
            Assert.Contains("error MLG", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = current;
        }
    }

    [Fact]
    public void A_worse_model_fails_against_the_better_one_as_baseline_and_passes_the_other_way_round()
    {
        var train = TrainedModels.Write(_dir, "train.csv", 2000, seed: 1);
        var holdout = TrainedModels.Write(_dir, "holdout.csv", 800, seed: 2);
        var good = TrainedModels.Binary(_dir, train, "good.zip");
        var weak = TrainedModels.Binary(_dir, train, "weak.zip", weak: true);

        var (worse, worseOutput, _) = Run("evaluate", "-m", weak, "-d", holdout, "-l", "Churned", "-b", good, "--min-absolute-change", "accuracy=0");
        var (better, betterOutput, _) = Run("evaluate", "-m", good, "-d", holdout, "-l", "Churned", "-b", weak, "--min-absolute-change", "accuracy=0.01", "--require-significant", "0.05");

        Assert.Equal(1, worse);
        Assert.Contains("error MLG5002: evaluate: accuracy: accuracy improves by -", worseOutput, StringComparison.Ordinal);
        Assert.Matches(@"mlops-gates: evaluated evaluate: accuracy 0\.\d+ \(-0\.\d+ \[-0\.\d+, -?\+?0\.\d+\] on the baseline\)", worseOutput);
        Assert.True(better == 0, betterOutput);
    }

    [Fact]
    public void A_corrupt_model_exits_2()
    {
        var holdout = TrainedModels.Write(_dir, "holdout.csv", 50, seed: 2);
        var model = _dir.Write("broken.zip", "not a zip");

        var (exit, output, error) = Run("evaluate", "-m", model, "-d", holdout, "-l", "Churned", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG3013:", output + error, StringComparison.Ordinal);
    }
}
