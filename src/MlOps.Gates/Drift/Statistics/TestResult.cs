namespace MlOps.Gates.Drift.Statistics;

/// <summary>A test's statistic and, for hypothesis tests, its p-value (null for distances).</summary>
public readonly record struct TestResult(double Statistic, double? PValue);
