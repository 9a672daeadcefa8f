namespace MlOps.Gates.Drift;

/// <summary>A bin or category with the share of each dataset in it.</summary>
public sealed record DriftBin(string Label, double Reference, double Current);
