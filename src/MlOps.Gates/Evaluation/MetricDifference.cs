namespace MlOps.Gates.Evaluation;

/// <summary>
/// How sure the candidate's difference from the baseline is: the paired bootstrap distribution of the difference and,
/// where a test needs no resampling, its p-value: McNemar's exact test for accuracy (the rows exactly one of the two
/// models gets right), DeLong's for ROC AUC.
/// </summary>
public sealed record MetricDifference(BootstrapDistribution? Bootstrap, double? PValue = null, string? Test = null);
