namespace MlOps.Gates.Drift;

/// <summary>One column's drift verdict and what it rests on.</summary>
public sealed record ColumnDriftResult
{
    public required string Column { get; init; }

    /// <summary>numeric, categorical or binary, as the default test choice saw the column.</summary>
    public required string ColumnType { get; init; }

    public DriftTest? Test { get; init; }

    public double Statistic { get; init; } = double.NaN;

    public double? PValue { get; init; }

    /// <summary>The p-value after a multiple-testing correction, when one applies.</summary>
    public double? AdjustedPValue { get; init; }

    public double Threshold { get; init; }

    public bool Drifted { get; init; }

    /// <summary>False when the column could not be tested (no values on one side); it then counts in no share.</summary>
    public bool Tested { get; init; } = true;

    public long ReferenceCount { get; init; }

    public long CurrentCount { get; init; }

    public long ReferenceMissing { get; init; }

    public long CurrentMissing { get; init; }

    /// <summary>Distinct values over both samples; for numeric columns counted up to <see cref="ColumnDrift.UniqueLimit"/> + 1.</summary>
    public long UniqueValues { get; init; }

    public string? Note { get; init; }

    /// <summary>How far past (positive) or short of (negative) its threshold the column is, on a log scale, for sorting.</summary>
    public double Severity => !Tested || Test is null ? double.NegativeInfinity
        : Test.IsPValue ? Math.Log(Threshold / Math.Max(AdjustedPValue ?? PValue ?? 1, 1e-300))
        : Math.Log(Math.Max(Statistic, 1e-300) / Threshold);

    /// <summary>A column reported but not tested (an identifier, a time axis, free text), with why.</summary>
    public static ColumnDriftResult Untested(ColumnSample reference, ColumnSample current, string columnType, string note) => new()
    {
        Column = reference.Name,
        ColumnType = columnType,
        Tested = false,
        ReferenceCount = reference.Count,
        CurrentCount = current.Count,
        ReferenceMissing = reference.Missing + reference.NonFinite,
        CurrentMissing = current.Missing + current.NonFinite,
        Note = note,
    };

    /// <summary>Reference and current shares over the bins or categories the test compared, for the report's charts.</summary>
    public IReadOnlyList<DriftBin> Bins { get; init; } = [];
}
