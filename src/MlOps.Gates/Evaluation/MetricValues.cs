namespace MlOps.Gates.Evaluation;

/// <summary>A model's metrics on a set of rows and, for classifiers, its confusion matrix (rows actual, columns predicted).</summary>
public sealed record MetricValues(IReadOnlyDictionary<string, double> Values, long[,]? Confusion);
