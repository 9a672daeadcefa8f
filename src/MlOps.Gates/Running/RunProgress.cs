namespace MlOps.Gates.Running;

/// <summary>Where a run is: which gate, how many rows, how far through the file.</summary>
public sealed record RunProgress(string Gate, string Activity, long Rows, long BytesRead, long BytesTotal);
