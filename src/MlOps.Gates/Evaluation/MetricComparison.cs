namespace MlOps.Gates.Evaluation;

/// <summary>
/// One metric of the candidate beside the baseline's: the difference (candidate minus baseline), its bootstrap interval
/// at the gate's confidence, McNemar's p-value for accuracy, and the verdict when the metric has a threshold.
/// </summary>
public sealed record MetricComparison(
    string Name,
    double Value,
    double? Baseline,
    double? Delta,
    double? IntervalLow,
    double? IntervalHigh,
    double? PValue,
    string? PValueTest,
    bool GreaterIsBetter,
    ThresholdVerdict? Verdict);
