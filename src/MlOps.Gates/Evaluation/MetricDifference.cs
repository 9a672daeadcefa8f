namespace MlOps.Gates.Evaluation;

/// <summary>
/// How sure the candidate's difference from the baseline is: the paired bootstrap distribution of the difference and,
/// for accuracy, McNemar's exact p-value on the rows exactly one of the two models gets right.
/// </summary>
public sealed record MetricDifference(BootstrapDistribution? Bootstrap, double? McNemarPValue = null);
