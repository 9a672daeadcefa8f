namespace MlOps.Gates.Results;

/// <summary>What a drift gate found for the dataset as a whole.</summary>
public sealed record DriftSummary(
    double DriftShare,
    bool DatasetDrift,
    int ColumnsTested,
    int ColumnsDrifted,
    long ReferenceRows,
    long CurrentRows,
    double DriftShareThreshold);
