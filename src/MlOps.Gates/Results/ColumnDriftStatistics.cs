namespace MlOps.Gates.Results;

/// <summary>One column of a drift gate: the test, its statistic and p-values, and what each side held.</summary>
/// <param name="Role">feature, target or prediction.</param>
/// <param name="Statistic">Null when the column was not tested.</param>
public sealed record ColumnDriftStatistics(
    string Test,
    string ColumnType,
    string Role,
    bool Tested,
    double? Statistic,
    double? PValue,
    double? PValueAdjusted,
    double? Threshold,
    long ReferenceCount,
    long CurrentCount,
    long ReferenceMissing,
    long CurrentMissing,
    long UniqueValues);
