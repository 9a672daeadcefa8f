using System.Globalization;
using MlOps.Gates.Drift;
using MlOps.Gates.Models;
using MlOps.Gates.Results;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Compares two models' predictions on the same rows without labels: agreement, the mean absolute difference of what
/// both score, each output tested for drift (the baseline's as the reference) and the rows where they differ most.
/// A multiclass pair is matched by class name, so two models that order their classes differently still compare.
/// </summary>
public static class ShadowCompare
{
    public static ShadowComparison Compare(ScoredModel candidate, ScoredModel baseline, ShadowSettings settings) => candidate.Task switch
    {
        EvaluationTask.Binary => Binary(candidate, baseline, settings),
        EvaluationTask.Multiclass => Multiclass(candidate, baseline, settings),
        _ => Regression(candidate, baseline, settings),
    };

    private static ShadowComparison Binary(ScoredModel candidate, ScoredModel baseline, ShadowSettings settings)
    {
        var (c, b) = (candidate.Output, baseline.Output);
        var n = candidate.Rows;
        var scored = c.Score.Length == n && b.Score.Length == n && c.ScoreIsProbability == b.ScoreIsProbability;
        long agreeing = 0;
        double sum = 0;
        var cLabels = new ColumnSample("predicted", n);
        var bLabels = new ColumnSample("predicted", n);
        var scoreName = c.ScoreIsProbability ? "probability" : "score";
        var cScores = new ColumnSample(scoreName, n);
        var bScores = new ColumnSample(scoreName, n);
        var differing = new List<(int Row, double Difference)>();
        for (var i = 0; i < n; i++)
        {
            var same = c.Predicted[i] == b.Predicted[i];
            agreeing += same ? 1 : 0;
            cLabels.AddCategory(c.Predicted[i] ? "true" : "false");
            bLabels.AddCategory(b.Predicted[i] ? "true" : "false");
            var difference = same ? 0 : 1.0;
            if (scored)
            {
                difference = Math.Abs(c.Score[i] - b.Score[i]);
                sum += difference;
                cScores.AddNumber(c.Score[i], default);
                bScores.AddNumber(b.Score[i], default);
            }

            if (!same)
            {
                differing.Add((i, difference));
            }
        }

        string Describe(ModelOutput output, int row) => (output.Predicted[row] ? "true" : "false") + (scored ? string.Create(CultureInfo.InvariantCulture, $" ({output.Score[row]:G6})") : string.Empty);
        return new ShadowComparison
        {
            Task = "binary",
            Candidate = string.Empty,
            Baseline = string.Empty,
            Rows = n,
            Agreeing = agreeing,
            MinAgreement = settings.MinAgreement,
            MeanAbsoluteDifference = scored && n > 0 ? sum / n : null,
            Drift = [Test(bLabels, cLabels), .. scored ? [Test(bScores, cScores)] : Array.Empty<ShadowOutputDrift>()],
            Disagreements = Top(differing, settings.Disagreements, row => (Describe(c, row), Describe(b, row))),
            Classes = Shares(new List<string> { "true", "false" }, i => c.Predicted[i] ? 0 : 1, i => b.Predicted[i] ? 0 : 1, n),
        };
    }

    private static ShadowComparison Multiclass(ScoredModel candidate, ScoredModel baseline, ShadowSettings settings)
    {
        var (c, b) = (candidate.Output, baseline.Output);
        var n = candidate.Rows;
        var cNames = Names(candidate, c);
        var bNames = Names(baseline, b);
        var names = cNames.Concat(bNames).Distinct(StringComparer.Ordinal).ToList();
        var cIndex = cNames.Select(x => names.IndexOf(x)).ToArray();
        var bIndex = bNames.Select(x => names.IndexOf(x)).ToArray();
        var kc = cNames.Count;
        var kb = bNames.Count;
        var probabilities = c.Probabilities.Length == n * kc && b.Probabilities.Length == n * kb && kc > 0 && kb > 0;
        long agreeing = 0;
        double sum = 0;
        var cLabels = new ColumnSample("predicted", n);
        var bLabels = new ColumnSample("predicted", n);
        var cConfidence = new ColumnSample("confidence", n);
        var bConfidence = new ColumnSample("confidence", n);
        var differing = new List<(int Row, double Difference)>();
        var joint = new double[names.Count];
        for (var i = 0; i < n; i++)
        {
            var cn = cNames[c.PredictedClass[i]];
            var bn = bNames[b.PredictedClass[i]];
            var same = cn == bn;
            agreeing += same ? 1 : 0;
            cLabels.AddCategory(cn);
            bLabels.AddCategory(bn);
            var difference = same ? 0 : 1.0;
            if (probabilities)
            {
                // Total variation distance between the two rows' class distributions, classes matched by name.
                Array.Clear(joint);
                for (var k = 0; k < kc; k++)
                {
                    joint[cIndex[k]] += c.Probabilities[(i * kc) + k];
                }

                for (var k = 0; k < kb; k++)
                {
                    joint[bIndex[k]] -= b.Probabilities[(i * kb) + k];
                }

                difference = joint.Sum(Math.Abs) / 2;
                sum += difference;
                cConfidence.AddNumber(c.Probabilities[(i * kc) + c.PredictedClass[i]], default);
                bConfidence.AddNumber(b.Probabilities[(i * kb) + b.PredictedClass[i]], default);
            }

            if (!same)
            {
                differing.Add((i, difference));
            }
        }

        string Describe(ModelOutput output, IReadOnlyList<string> classes, int k, int row) =>
            classes[output.PredictedClass[row]] + (probabilities ? string.Create(CultureInfo.InvariantCulture, $" ({output.Probabilities[(row * k) + output.PredictedClass[row]]:G6})") : string.Empty);
        return new ShadowComparison
        {
            Task = "multiclass",
            Candidate = string.Empty,
            Baseline = string.Empty,
            Rows = n,
            Agreeing = agreeing,
            MinAgreement = settings.MinAgreement,
            MeanAbsoluteDifference = probabilities && n > 0 ? sum / n : null,
            Drift = [Test(bLabels, cLabels), .. probabilities ? [Test(bConfidence, cConfidence)] : Array.Empty<ShadowOutputDrift>()],
            Disagreements = Top(differing, settings.Disagreements, row => (Describe(c, cNames, kc, row), Describe(b, bNames, kb, row))),
            Classes = Shares(names, i => cIndex[c.PredictedClass[i]], i => bIndex[b.PredictedClass[i]], n),
        };
    }

    private static ShadowComparison Regression(ScoredModel candidate, ScoredModel baseline, ShadowSettings settings)
    {
        var (c, b) = (candidate.Output.Value, baseline.Output.Value);
        var n = candidate.Rows;
        long agreeing = 0;
        double sum = 0;
        var cValues = new ColumnSample("value", n);
        var bValues = new ColumnSample("value", n);
        var differing = new List<(int Row, double Difference)>();
        for (var i = 0; i < n; i++)
        {
            var difference = Math.Abs(c[i] - b[i]);
            sum += difference;
            cValues.AddNumber(c[i], default);
            bValues.AddNumber(b[i], default);
            if (difference <= settings.Tolerance)
            {
                agreeing++;
            }
            else
            {
                differing.Add((i, difference));
            }
        }

        return new ShadowComparison
        {
            Task = "regression",
            Candidate = string.Empty,
            Baseline = string.Empty,
            Rows = n,
            Agreeing = agreeing,
            MinAgreement = settings.MinAgreement,
            Tolerance = settings.Tolerance,
            MeanAbsoluteDifference = n > 0 ? sum / n : null,
            Drift = [Test(bValues, cValues)],
            Disagreements = Top(differing, settings.Disagreements, row => (Number(c[row]), Number(b[row]))),
        };
    }

    private static IReadOnlyList<string> Names(ScoredModel model, ModelOutput output)
    {
        if (model.Classes is { Count: > 0 } classes)
        {
            return classes;
        }

        var k = output.PredictedClass.Length == 0 ? 0 : output.PredictedClass.Max() + 1;
        if (output.Probabilities.Length > 0 && model.Rows > 0)
        {
            k = Math.Max(k, output.Probabilities.Length / model.Rows);
        }

        return Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The largest differences first, ties in row order: a stable order, the same on every machine.</summary>
    private static List<ShadowDisagreement> Top(List<(int Row, double Difference)> differing, int count, Func<int, (string Candidate, string Baseline)> describe) =>
        differing
            .OrderByDescending(d => d.Difference)
            .ThenBy(d => d.Row)
            .Take(count)
            .Select(d =>
            {
                var (candidate, baseline) = describe(d.Row);
                return new ShadowDisagreement(d.Row + 1L, candidate, baseline, d.Difference);
            })
            .ToList();

    private static List<ShadowClassShare> Shares(List<string> names, Func<int, int> candidate, Func<int, int> baseline, int n)
    {
        var counts = new long[names.Count, 2];
        for (var i = 0; i < n; i++)
        {
            counts[candidate(i), 0]++;
            counts[baseline(i), 1]++;
        }

        return names.Select((name, k) => new ShadowClassShare(name, n == 0 ? 0 : (double)counts[k, 0] / n, n == 0 ? 0 : (double)counts[k, 1] / n)).ToList();
    }

    private static ShadowOutputDrift Test(ColumnSample reference, ColumnSample current)
    {
        reference.Sort();
        current.Sort();
        var result = ColumnDrift.Test(reference, current, null, null);
        return new ShadowOutputDrift(reference.Name, result.Test?.Name ?? "none", result.Statistic, result.PValue, result.Threshold, result.Drifted);
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
