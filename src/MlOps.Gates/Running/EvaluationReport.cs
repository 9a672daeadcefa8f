using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>An evaluation as the result shows it: a check per judged metric and slice, and the typed report section.</summary>
internal static class EvaluationReport
{
    public static CheckResult MetricCheck(EvaluateGate gate, MetricComparison metric, EvaluationTask task)
    {
        var verdict = metric.Verdict!;
        var message = verdict.Failures.Count > 0
            ? string.Join("; ", verdict.Failures)
            : verdict.Warning
                ? string.Join("; ", verdict.Notes)
                : Invariant($"{metric.Name} = {metric.Value:G6}{(metric.Baseline is { } b ? Invariant($" (baseline {b:G6}, change {metric.Delta:+0.######;-0.######;0})") : string.Empty)}");
        var location = gate.ThresholdLocations.GetValueOrDefault(metric.Name)
            ?? gate.ThresholdLocations.FirstOrDefault(l => MetricNames.Canonical(l.Key, task) == metric.Name).Value
            ?? gate.Location;
        var threshold = gate.Settings.Thresholds.FirstOrDefault(t => MetricNames.Canonical(t.Metric, task) == metric.Name);
        return new CheckResult
        {
            Id = metric.Name,
            Kind = "metric",
            Code = verdict.Code ?? ErrorCodes.MetricThreshold,
            Description = Describe(threshold, metric.Name),
            Columns = [],
            Severity = verdict.Failures.Count > 0 ? Severity.Error : Severity.Warning,
            Success = verdict.Passed && !verdict.Warning,
            Message = message,
            ObservedValue = metric.Value,
            Parameters = Parameters(threshold),
            Metrics = new Dictionary<string, double?>
            {
                ["value"] = metric.Value,
                ["baseline"] = metric.Baseline,
                ["delta"] = metric.Delta,
                ["interval_low"] = metric.IntervalLow,
                ["interval_high"] = metric.IntervalHigh,
                ["p_value"] = metric.PValue,
                ["threshold"] = threshold?.Threshold,
            },
            ConfigLocation = location,
        };
    }

    public static CheckResult SliceCheck(EvaluateGate gate, SliceOutcome slice, ThresholdVerdict verdict) => new()
    {
        Id = $"{slice.Name}: {verdict.Metric}",
        Kind = "slice_metric",
        Code = verdict.Passed && !verdict.Warning ? ErrorCodes.SliceMetric : verdict.Code == ErrorCodes.MissingBaseline ? ErrorCodes.MissingBaseline : ErrorCodes.SliceMetric,
        Description = $"{verdict.Metric} on the slice {slice.Name} clears its bar",
        Columns = slice.Columns,
        Severity = verdict.Failures.Count > 0 ? Severity.Error : Severity.Warning,
        Success = verdict.Passed && !verdict.Warning,
        Message = verdict.Failures.Count > 0
            ? Invariant($"{string.Join("; ", verdict.Failures)} ({slice.Rows} rows)")
            : verdict.Warning ? string.Join("; ", verdict.Notes) : Invariant($"{verdict.Metric} = {slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN):G6} ({slice.Rows} rows)"),
        ObservedValue = slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN),
        ElementCount = slice.Rows,
        Metrics = new Dictionary<string, double?>
        {
            ["value"] = slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN),
            ["baseline"] = slice.Baseline?.GetValueOrDefault(verdict.Metric, double.NaN),
            ["rows"] = slice.Rows,
        },
        ConfigLocation = gate.Location,
    };

    public static ModelEvaluation Describe(EvaluateGate gate, EvaluationOutcome outcome)
    {
        var names = outcome.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return new ModelEvaluation
        {
            Task = EvaluateRunner.Name(outcome.Task),
            Rows = outcome.Rows,
            Classes = outcome.Classes,
            Candidate = gate.Model?.DisplayPath ?? gate.Data.DisplayPath,
            Baseline = gate.Baseline?.DisplayPath,
            Confidence = gate.Settings.Confidence,
            Resamples = outcome.Baseline is null ? 0 : gate.Settings.Resamples,
            Metrics = outcome.Metrics.Select(m => new MetricRow(
                m.Name, m.Value, m.Baseline, m.Delta, m.IntervalLow, m.IntervalHigh, m.PValue, m.PValueTest, m.GreaterIsBetter,
                m.Verdict is null ? "not judged" : m.Verdict.Failures.Count > 0 ? "failed" : m.Verdict.Warning ? "warning" : "passed",
                Describe(gate.Settings.Thresholds.FirstOrDefault(t => MetricNames.Canonical(t.Metric, outcome.Task) == m.Name), null),
                m.Verdict?.Failures ?? [],
                m.Verdict?.Notes ?? [])).ToList(),
            Confusion = Matrix(outcome.Candidate.Confusion),
            BaselineConfusion = Matrix(outcome.Baseline?.Confusion),
            McNemar = outcome.McNemar is { } t ? new McNemarResult(t.OnlyCandidate, t.OnlyBaseline, t.PValue) : null,
            Roc = Points(outcome.Roc),
            PrecisionRecall = Points(outcome.PrecisionRecall),
            BaselineRoc = Points(outcome.BaselineRoc),
            BaselinePrecisionRecall = Points(outcome.BaselinePrecisionRecall),
            Slices = outcome.Slices.Select(s => new SliceRow(
                s.Name,
                s.Rows,
                s.TooSmall,
                s.TooSmall ? "too small" : s.Verdicts.Any(v => v.Failures.Count > 0) ? "failed" : s.Verdicts.Any(v => v.Warning) ? "warning" : s.Verdicts.Count > 0 ? "passed" : "not judged",
                s.Metrics.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                s.Baseline?.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                s.Verdicts.SelectMany(v => v.Failures).ToList(),
                s.McNemar is { } m ? new McNemarResult(m.OnlyCandidate, m.OnlyBaseline, m.PValue) : null)).ToList(),
            Predictions = outcome.Predictions,
            BaselinePredictions = outcome.BaselinePredictions,
        };
    }

    private static string Describe(MetricThreshold? t, string? metric)
    {
        if (t is null)
        {
            return metric is null ? string.Empty : $"{metric} is reported";
        }

        var parts = new List<string>();
        var direction = t.Greater ? ">=" : "<=";
        if (t.Threshold is { } bar)
        {
            parts.Add(Invariant($"{t.Metric} {direction} {bar:G6}"));
        }

        if (t.MinAbsoluteChange is { } absolute)
        {
            parts.Add(Invariant($"improves on the baseline by at least {absolute:G6}"));
        }

        if (t.MinRelativeChange is { } relative)
        {
            parts.Add(Invariant($"improves on the baseline by at least {relative * 100:0.#}%"));
        }

        if (t.RequireSignificant is { } alpha)
        {
            parts.Add(Invariant($"significantly (alpha {alpha:G3})"));
        }

        if (t.NonInferiorityMargin is { } margin)
        {
            parts.Add(Invariant($"no worse than the baseline by more than {margin:G4}"));
        }

        return string.Join(", ", parts);
    }

    private static Dictionary<string, object?> Parameters(MetricThreshold? t) => t is null
        ? new Dictionary<string, object?>()
        : new Dictionary<string, object?>
        {
            ["threshold"] = t.Threshold,
            ["min_absolute_change"] = t.MinAbsoluteChange,
            ["min_relative_change"] = t.MinRelativeChange,
            ["greater_is_better"] = t.Greater,
            ["require_significant"] = t.RequireSignificant,
            ["non_inferiority_margin"] = t.NonInferiorityMargin,
        };

    private static List<IReadOnlyList<long>>? Matrix(long[,]? matrix) => matrix is null
        ? null
        : Enumerable.Range(0, matrix.GetLength(0)).Select(r => (IReadOnlyList<long>)Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToList()).ToList();

    private static List<CurvePoint> Points(IReadOnlyList<(double X, double Y)> curve) => curve.Select(p => new CurvePoint(Math.Round(p.X, 5), Math.Round(p.Y, 5))).ToList();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
