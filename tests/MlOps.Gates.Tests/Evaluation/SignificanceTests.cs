using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

public sealed class SignificanceTests
{
    private static (bool[] First, bool[] Second) Pairs(int onlyFirst, int onlySecond, int both = 20, int neither = 5)
    {
        var first = new List<bool>();
        var second = new List<bool>();
        void Add(int count, bool a, bool b)
        {
            for (var i = 0; i < count; i++)
            {
                first.Add(a);
                second.Add(b);
            }
        }

        Add(onlyFirst, true, false);
        Add(onlySecond, false, true);
        Add(both, true, true);
        Add(neither, false, false);
        return (first.ToArray(), second.ToArray());
    }

    // Expected p-values: min(1, 2 * scipy.stats.binom.cdf(min(b, c), b + c, 0.5)), scipy 1.10.
    [Theory]
    [InlineData(10, 3, 0.09228515625)]
    [InlineData(25, 25, 1.0)]
    [InlineData(0, 7, 0.015625)]
    [InlineData(40, 55, 0.1505180638902295)]
    [InlineData(1, 0, 1.0)]
    [InlineData(300, 250, 0.03657874554910267)]
    public void McNemar_exact_equals_the_binomial_test(int b, int c, double expected)
    {
        var (first, second) = Pairs(b, c);

        var result = McNemarTest.Test(first, second);

        Assert.Equal(b, result.OnlyFirstCorrect);
        Assert.Equal(c, result.OnlySecondCorrect);
        Assert.True(Math.Abs(expected - result.PValue) <= 1e-12, $"expected {expected:R}, got {result.PValue:R}");
    }

    [Fact]
    public void Paired_bootstrap_is_reproducible_and_brackets_a_real_difference()
    {
        var random = new Random(3);
        const int rows = 2000;
        var truth = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.5).ToArray();
        var better = truth.Select(t => random.NextDouble() < 0.85 ? t : !t).ToArray();
        var worse = truth.Select(t => random.NextDouble() < 0.75 ? t : !t).ToArray();
        IReadOnlyDictionary<string, double> Accuracy(bool[] predicted, int[] weights)
        {
            double right = 0, all = 0;
            for (var i = 0; i < rows; i++)
            {
                right += predicted[i] == truth[i] ? weights[i] : 0;
                all += weights[i];
            }

            return new Dictionary<string, double> { ["accuracy"] = right / all };
        }

        var first = PairedBootstrap.Resample(rows, w => Accuracy(better, w), w => Accuracy(worse, w), ["accuracy"], resamples: 400, seed: 7)["accuracy"].Interval(0.95);
        var again = PairedBootstrap.Resample(rows, w => Accuracy(better, w), w => Accuracy(worse, w), ["accuracy"], resamples: 400, seed: 7)["accuracy"].Interval(0.95);
        var same = PairedBootstrap.Resample(rows, w => Accuracy(better, w), w => Accuracy(better, w), ["accuracy"], resamples: 400, seed: 7)["accuracy"].Interval(0.95);
        var observed = better.Zip(truth).Count(p => p.First == p.Second) / (double)rows - worse.Zip(truth).Count(p => p.First == p.Second) / (double)rows;

        Assert.Equal(first, again);
        Assert.True(first.Low > 0, $"interval [{first.Low}, {first.High}] should exclude 0");
        Assert.InRange(observed, first.Low, first.High);
        Assert.Equal((0.0, 0.0), same);
    }
}
