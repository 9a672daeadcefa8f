namespace MlOps.Gates.Results;

/// <summary>A point of a chart a check carries for its report: a bin or category with the reference's and the current value.</summary>
public sealed record ChartPoint(string Label, double Reference, double Current);
