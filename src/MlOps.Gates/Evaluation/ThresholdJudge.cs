using System.Globalization;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Judges metric values against their thresholds with MLflow's <c>validate_evaluation_results</c> semantics and three
/// of its traps fixed: the relative change divides by the baseline's absolute value (a negative baseline no longer
/// flips the verdict); a zero baseline, where no relative change exists, falls back to the absolute rule with a note;
/// and a missing baseline passes with a warning the first time, as TFX's rubber stamp does, unless told to fail.
/// Every rule of every metric is judged, so all failures are reported, not only the first. With the difference's
/// evidence it also judges significance and non-inferiority.
/// </summary>
public static class ThresholdJudge
{

    public static IReadOnlyList<ThresholdVerdict> Judge(
        IReadOnlyList<MetricThreshold> thresholds,
        IReadOnlyDictionary<string, double> candidate,
        IReadOnlyDictionary<string, double>? baseline,
        IReadOnlyDictionary<string, MetricDifference>? differences = null,
        double confidence = 0.95)
    {
        return thresholds.Select(t => JudgeOne(t, candidate, baseline, differences?.GetValueOrDefault(t.Metric), confidence)).ToList();
    }

    private static ThresholdVerdict JudgeOne(
        MetricThreshold t,
        IReadOnlyDictionary<string, double> candidate,
        IReadOnlyDictionary<string, double>? baseline,
        MetricDifference? difference,
        double confidence)
    {
        var failures = new List<(string Code, string Text)>();
        var notes = new List<string>();
        if (!candidate.TryGetValue(t.Metric, out var value) || double.IsNaN(value))
        {
            var known = string.Join(", ", candidate.Keys.Order(StringComparer.Ordinal));
            return Verdict(t, [(ErrorCodes.MetricThreshold, $"the candidate has no value for {t.Metric} (it has: {known})")], notes, warning: false);
        }

        var better = t.Greater ? "at least" : "at most";
        if (t.Threshold is { } bar && (t.Greater ? value < bar : value > bar))
        {
            failures.Add((ErrorCodes.MetricThreshold, F($"{t.Metric} = {value:G6}, must be {better} {bar:G6}")));
        }

        if (!t.NeedsBaseline)
        {
            return Verdict(t, failures, notes, warning: false);
        }

        if (baseline is null || !baseline.TryGetValue(t.Metric, out var reference) || double.IsNaN(reference))
        {
            if (t.FailOnMissingBaseline)
            {
                failures.Add((ErrorCodes.MissingBaseline, $"there is no baseline value for {t.Metric} to compare with (on_missing_baseline: fail)"));
                return Verdict(t, failures, notes, warning: false);
            }

            notes.Add($"no baseline value for {t.Metric}: the rules against the baseline pass this time (rubber stamp)");
            return Verdict(t, failures, notes, warning: true);
        }

        // The improvement in the metric's own direction: positive when the candidate is better.
        var improvement = t.Greater ? value - reference : reference - value;
        var changeRule = t.MinAbsoluteChange is not null || t.MinRelativeChange is not null;
        if (t.MinAbsoluteChange is { } absolute && improvement < absolute)
        {
            failures.Add((ErrorCodes.MetricChange, F($"{t.Metric} improves by {improvement:G6} on the baseline {reference:G6}, needs at least {absolute:G6}")));
        }

        if (t.MinRelativeChange is { } relative)
        {
            if (reference == 0)
            {
                notes.Add($"the baseline {t.Metric} is 0, so no relative change exists; judged by the absolute rule");
                if (t.MinAbsoluteChange is null && improvement < 0)
                {
                    failures.Add((ErrorCodes.MetricChange, F($"{t.Metric} is worse than the baseline 0 by {-improvement:G6}")));
                }
            }
            else
            {
                var change = improvement / Math.Abs(reference);
                if (change < relative)
                {
                    failures.Add((ErrorCodes.MetricChange, F($"{t.Metric} improves by {change * 100:0.##}% on the baseline {reference:G6}, needs at least {relative * 100:0.##}%")));
                }
            }
        }

        if (t.RequireSignificant is { } alpha && (changeRule ? failures.Count == 0 : true))
        {
            JudgeSignificance(t, improvement, alpha, difference, failures, notes);
        }

        if (t.NonInferiorityMargin is { } margin)
        {
            JudgeNonInferiority(t, margin, confidence, difference, failures, notes);
        }

        return Verdict(t, failures, notes, warning: false);
    }

    /// <summary>
    /// An improvement counts only when chance explains it poorly: for accuracy McNemar's exact p-value must be below
    /// alpha, for other metrics the (1 - alpha) bootstrap interval of the difference must lie on the better side of 0.
    /// </summary>
    private static void JudgeSignificance(MetricThreshold t, double improvement, double alpha, MetricDifference? difference, List<(string, string)> failures, List<string> notes)
    {
        if (difference is { PValue: { } p, Test: { } test })
        {
            if (improvement <= 0 || p >= alpha)
            {
                failures.Add((ErrorCodes.NotSignificant, F($"{t.Metric} changes by {improvement:G6}, which is not a significant improvement ({test} p = {p:G4}, needs below {alpha:G4})")));
            }

            return;
        }

        if (difference?.Bootstrap is not { Count: > 0 } bootstrap)
        {
            notes.Add($"no bootstrap distribution for {t.Metric}, so its significance was not judged");
            return;
        }

        var (low, high) = bootstrap.Interval(1 - alpha);
        var significant = t.Greater ? low > 0 : high < 0;
        if (!significant)
        {
            failures.Add((ErrorCodes.NotSignificant, F($"{t.Metric} changes by {improvement:G6}, which is not a significant improvement: the {(1 - alpha) * 100:0.#}% interval of the difference is [{low:G4}, {high:G4}]")));
        }
    }

    /// <summary>Non-inferiority: the interval's worse end must stay within the margin of the baseline.</summary>
    private static void JudgeNonInferiority(MetricThreshold t, double margin, double confidence, MetricDifference? difference, List<(string, string)> failures, List<string> notes)
    {
        if (difference?.Bootstrap is not { Count: > 0 } bootstrap)
        {
            notes.Add($"no bootstrap distribution for {t.Metric}, so non-inferiority was not judged");
            return;
        }

        var (low, high) = bootstrap.Interval(confidence);
        var worstLoss = t.Greater ? -low : high;
        if (worstLoss > margin)
        {
            failures.Add((ErrorCodes.NonInferiority, F($"{t.Metric} may be worse than the baseline by up to {worstLoss:G4} ({confidence * 100:0.#}% interval of the difference [{low:G4}, {high:G4}]), more than the margin {margin:G4}")));
        }
    }

    private static ThresholdVerdict Verdict(MetricThreshold t, List<(string Code, string Text)> failures, List<string> notes, bool warning) =>
        new(t.Metric, failures.Count == 0, warning && failures.Count == 0, failures.Select(f => f.Text).ToList(), notes,
            failures.Count > 0 ? failures[0].Code : warning ? ErrorCodes.MissingBaseline : null);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
