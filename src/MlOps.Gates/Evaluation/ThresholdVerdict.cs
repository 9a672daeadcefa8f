namespace MlOps.Gates.Evaluation;

/// <summary>Whether a metric cleared its bar, every rule that failed, and notes such as a rubber-stamped first baseline.</summary>
public sealed record ThresholdVerdict(string Metric, bool Passed, bool Warning, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes);
