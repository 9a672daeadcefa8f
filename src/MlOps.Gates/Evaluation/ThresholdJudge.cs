using System.Globalization;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Judges metric values against their thresholds with MLflow's <c>validate_evaluation_results</c> semantics and three
/// of its traps fixed: the relative change divides by the baseline's absolute value (a negative baseline no longer
/// flips the verdict); a zero baseline, where no relative change exists, falls back to the absolute rule with a note;
/// and a missing baseline passes with a warning the first time, as TFX's rubber stamp does, unless told to fail.
/// Every rule of every metric is judged, so all failures are reported, not only the first.
/// </summary>
public static class ThresholdJudge
{
    public static IReadOnlyList<ThresholdVerdict> Judge(
        IReadOnlyList<MetricThreshold> thresholds,
        IReadOnlyDictionary<string, double> candidate,
        IReadOnlyDictionary<string, double>? baseline)
    {
        return thresholds.Select(t => JudgeOne(t, candidate, baseline)).ToList();
    }

    private static ThresholdVerdict JudgeOne(MetricThreshold t, IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double>? baseline)
    {
        var failures = new List<string>();
        var notes = new List<string>();
        var warning = false;
        if (!candidate.TryGetValue(t.Metric, out var value) || double.IsNaN(value))
        {
            return new ThresholdVerdict(t.Metric, false, false, [$"the candidate has no value for {t.Metric}"], notes);
        }

        var better = t.Greater ? "at least" : "at most";
        if (t.Threshold is { } bar && (t.Greater ? value < bar : value > bar))
        {
            failures.Add(F($"{t.Metric} = {value:G6}, must be {better} {bar:G6}"));
        }

        var needsBaseline = t.MinAbsoluteChange is not null || t.MinRelativeChange is not null;
        if (!needsBaseline)
        {
            return new ThresholdVerdict(t.Metric, failures.Count == 0, false, failures, notes);
        }

        if (baseline is null || !baseline.TryGetValue(t.Metric, out var reference) || double.IsNaN(reference))
        {
            if (t.FailOnMissingBaseline)
            {
                failures.Add($"there is no baseline value for {t.Metric} to compare with (on_missing_baseline: fail)");
            }
            else
            {
                warning = true;
                notes.Add($"no baseline value for {t.Metric}: the change rules pass this time (rubber stamp)");
            }

            return new ThresholdVerdict(t.Metric, failures.Count == 0, warning, failures, notes);
        }

        // The improvement in the metric's own direction: positive when the candidate is better.
        var improvement = t.Greater ? value - reference : reference - value;
        if (t.MinAbsoluteChange is { } absolute && improvement < absolute)
        {
            failures.Add(F($"{t.Metric} improves by {improvement:G6} on the baseline {reference:G6}, needs at least {absolute:G6}"));
        }

        if (t.MinRelativeChange is { } relative)
        {
            if (reference == 0)
            {
                notes.Add($"the baseline {t.Metric} is 0, so no relative change exists; judged by the absolute rule");
                var floor = t.MinAbsoluteChange ?? 0;
                if (t.MinAbsoluteChange is null && improvement < floor)
                {
                    failures.Add(F($"{t.Metric} is worse than the baseline 0 by {-improvement:G6}"));
                }
            }
            else
            {
                var change = improvement / Math.Abs(reference);
                if (change < relative)
                {
                    failures.Add(F($"{t.Metric} improves by {change:P2} on the baseline {reference:G6}, needs at least {relative:P2}"));
                }
            }
        }

        return new ThresholdVerdict(t.Metric, failures.Count == 0, warning, failures, notes);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
