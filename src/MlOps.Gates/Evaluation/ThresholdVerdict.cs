namespace MlOps.Gates.Evaluation;

/// <summary>
/// Whether a metric cleared its bar, every rule that failed, and notes such as a rubber-stamped first baseline.
/// <see cref="Code"/> names the first rule that failed, or the missing baseline when the verdict is only a warning.
/// </summary>
public sealed record ThresholdVerdict(string Metric, bool Passed, bool Warning, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes, string? Code = null);
