using MlOps.Gates.Drift.Statistics;
using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

/// <summary>
/// The fast paired bootstrap of two binary classifiers: on any weights it scores both models as
/// <see cref="BinaryMetrics"/> does, and its resamples follow the same distribution as the row-by-row bootstrap's.
/// </summary>
public sealed class BinaryPairedBootstrapTests
{
    private static (GroundTruth Truth, ModelOutput Candidate, ModelOutput Baseline) Data(int rows, int seed, int distinctScores)
    {
        var random = new Random(seed);
        var positive = new bool[rows];
        var candidate = new double[rows];
        var baseline = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            positive[i] = random.NextDouble() < 0.4;
            // Scores on a grid of a few values make many ties, as rounded probabilities do.
            candidate[i] = Math.Round(Math.Clamp((positive[i] ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.8), 0, 1) * distinctScores) / distinctScores;
            baseline[i] = Math.Round(Math.Clamp(candidate[i] + ((random.NextDouble() - 0.5) * 0.3), 0, 1) * distinctScores) / distinctScores;
        }

        return (
            new GroundTruth { Task = EvaluationTask.Binary, Count = rows, Positive = positive, Classes = ["0", "1"] },
            new ModelOutput { Predicted = candidate.Select(x => x >= 0.5).ToArray(), Score = candidate, ScoreIsProbability = true },
            new ModelOutput { Predicted = baseline.Select(x => x >= 0.5).ToArray(), Score = baseline, ScoreIsProbability = true });
    }

    [Theory]
    [InlineData(500, 1, 20)]
    [InlineData(2000, 2, 1000)]
    [InlineData(300, 3, 3)]
    public void On_any_weights_both_models_score_as_BinaryMetrics_does(int rows, int seed, int distinctScores)
    {
        var (truth, candidate, baseline) = Data(rows, seed, distinctScores);
        var boot = new BinaryPairedBootstrap(truth, candidate, baseline, BinaryMetrics.Ascending(candidate.Score), BinaryMetrics.Ascending(baseline.Score));
        var random = new Random(seed + 100);
        for (var trial = 0; trial < 5; trial++)
        {
            var byPosition = new byte[rows];
            for (var j = 0; j < rows; j++)
            {
                byPosition[j] = (byte)(trial == 4 && j % 3 == 0 ? 0 : random.Next(4));
            }

            var byRow = new int[rows];
            for (var j = 0; j < rows; j++)
            {
                byRow[boot.RowAt[j]] = byPosition[j];
            }

            var (fastCandidate, fastBaseline) = boot.Metrics(byPosition);
            var expectedCandidate = BinaryMetrics.Compute(truth.Positive, candidate.Predicted, candidate.Score, BinaryMetrics.Ascending(candidate.Score), byRow, true);
            var expectedBaseline = BinaryMetrics.Compute(truth.Positive, baseline.Predicted, baseline.Score, BinaryMetrics.Ascending(baseline.Score), byRow, true);

            AssertSame(expectedCandidate, fastCandidate);
            AssertSame(expectedBaseline, fastBaseline);
        }
    }

    [Fact]
    public void A_resample_without_one_class_has_no_auc_as_BinaryMetrics_says()
    {
        var (truth, candidate, baseline) = Data(200, 5, 50);
        var boot = new BinaryPairedBootstrap(truth, candidate, baseline, BinaryMetrics.Ascending(candidate.Score), BinaryMetrics.Ascending(baseline.Score));
        var onlyNegatives = new byte[200];
        for (var j = 0; j < 200; j++)
        {
            onlyNegatives[j] = truth.Positive[boot.RowAt[j]] ? (byte)0 : (byte)1;
        }

        var (fast, _) = boot.Metrics(onlyNegatives);

        Assert.True(double.IsNaN(fast["roc_auc"]));
        Assert.True(double.IsNaN(fast["average_precision"]));
        Assert.Equal(0, fast["recall"]);
    }

    /// <summary>
    /// The same resampling scheme as the row-by-row bootstrap, other random numbers: the two distributions of every
    /// metric's difference are the same (two-sample Kolmogorov-Smirnov, 4,000 resamples each, fixed seeds).
    /// </summary>
    [Fact]
    public void Its_resamples_follow_the_row_by_row_bootstraps_distribution()
    {
        var (truth, candidate, baseline) = Data(400, 7, 100);
        string[] metrics = ["accuracy", "precision", "recall", "f1", "roc_auc", "average_precision", "log_loss"];
        var candidateMetrics = new ModelMetrics(truth, candidate);
        var baselineMetrics = new ModelMetrics(truth, baseline);

        var rowByRow = PairedBootstrap.Resample(truth.Count, w => candidateMetrics.Compute(w).Values, w => baselineMetrics.Compute(w).Values, metrics, 4000, seed: 1);
        var fast = new BinaryPairedBootstrap(truth, candidate, baseline, candidateMetrics.Ascending, baselineMetrics.Ascending).Resample(metrics, 4000, seed: 2, default);

        foreach (var metric in metrics)
        {
            var a = rowByRow[metric].Interval(0.999999);
            var (low, high) = fast[metric].Interval(0.95);
            var (oldLow, oldHigh) = rowByRow[metric].Interval(0.95);
            var p = KolmogorovSmirnovTest.TwoSample(Values(rowByRow[metric]), Values(fast[metric])).PValue;
            Assert.True(p > 0.01, $"{metric}: p = {p}");
            Assert.InRange(low, oldLow - ((oldHigh - oldLow) * 0.1), oldLow + ((oldHigh - oldLow) * 0.1));
            Assert.InRange(high, oldHigh - ((oldHigh - oldLow) * 0.1), oldHigh + ((oldHigh - oldLow) * 0.1));
            Assert.True(a.Low <= low && high <= a.High);
        }

        // The comparison can tell distributions apart: against a baseline a little worse, it does.
        var worse = new ModelOutput { Predicted = baseline.Predicted, Score = baseline.Score.Select((s, i) => truth.Positive[i] ? s * 0.97 : s).ToArray(), ScoreIsProbability = true };
        var shifted = new BinaryPairedBootstrap(truth, candidate, worse, candidateMetrics.Ascending, BinaryMetrics.Ascending(worse.Score)).Resample(["roc_auc"], 4000, seed: 2, default);
        Assert.True(KolmogorovSmirnovTest.TwoSample(Values(rowByRow["roc_auc"]), Values(shifted["roc_auc"])).PValue < 0.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals_and_another_seed_others()
    {
        var (truth, candidate, baseline) = Data(1000, 9, 200);
        var boot = new BinaryPairedBootstrap(truth, candidate, baseline, BinaryMetrics.Ascending(candidate.Score), BinaryMetrics.Ascending(baseline.Score));

        var first = boot.Resample(["roc_auc", "accuracy"], 203, 42, default);
        var second = boot.Resample(["roc_auc", "accuracy"], 203, 42, default);
        var other = boot.Resample(["roc_auc", "accuracy"], 203, 43, default);

        Assert.Equal(203, first["roc_auc"].Count);
        Assert.Equal(first["roc_auc"].Interval(0.9), second["roc_auc"].Interval(0.9));
        Assert.Equal(first["accuracy"].Interval(0.9), second["accuracy"].Interval(0.9));
        Assert.NotEqual(first["roc_auc"].Interval(0.9), other["roc_auc"].Interval(0.9));
    }

    private static double[] Values(BootstrapDistribution distribution) => [.. distribution.Sorted];

    private static void AssertSame(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        foreach (var (name, value) in expected)
        {
            Assert.True(actual.ContainsKey(name), name);
            if (double.IsNaN(value))
            {
                Assert.True(double.IsNaN(actual[name]), name);
            }
            else
            {
                Assert.True(Math.Abs(value - actual[name]) <= 1e-12 * Math.Max(1, Math.Abs(value)), $"{name}: {value} against {actual[name]}");
            }
        }
    }
}
