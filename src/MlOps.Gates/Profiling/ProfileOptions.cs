namespace MlOps.Gates.Profiling;

/// <summary>How generous an inferred suite is: the margin added to ranges and the largest value set worth listing.</summary>
public sealed record ProfileOptions(double Margin = 0.1, int MaxCategories = 20);
