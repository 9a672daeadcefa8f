namespace MlOps.Gates.Results;

/// <summary>
/// The outcome of one check of any gate: an expectation, a drift test, a metric threshold or a policy rule.
/// Every gate reports through this one shape so that renderers and sinks need to know no gate.
/// </summary>
public sealed record CheckResult
{
    public required string Id { get; init; }

    /// <summary>The kind of check, such as <c>not_null</c>, <c>ks</c> or <c>threshold</c>.</summary>
    public required string Kind { get; init; }

    public required string Code { get; init; }

    /// <summary>What the check expects, in words.</summary>
    public required string Description { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public Severity Severity { get; init; } = Severity.Error;

    public required bool Success { get; init; }

    /// <summary>Passed, or Failed/Warning by severity when the check did not succeed.</summary>
    public GateStatus Status => Success ? GateStatus.Passed : Severity == Severity.Error ? GateStatus.Failed : GateStatus.Warning;

    /// <summary>Why the check failed, or what it saw when it passed.</summary>
    public required string Message { get; init; }

    public long? ElementCount { get; init; }

    public long? MissingCount { get; init; }

    public long? UnexpectedCount { get; init; }

    /// <summary>Unexpected values as a percentage of the non-missing values, as Great Expectations reports it.</summary>
    public double? UnexpectedPercent { get; init; }

    public double? Mostly { get; init; }

    /// <summary>The observed value for aggregate checks (a mean, a row count, a p-value): a number or text.</summary>
    public object? ObservedValue { get; init; }

    public IReadOnlyList<UnexpectedValue> PartialUnexpected { get; init; } = [];

    /// <summary>The check's settings as written, for the report.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Numbers the check measured; null where a number does not apply.</summary>
    public IReadOnlyDictionary<string, double?> Metrics { get; init; } = new Dictionary<string, double?>();

    /// <summary>For a drift gate's column: its statistics, typed (<see cref="Metrics"/> holds the same for templates).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ColumnDriftStatistics? Drift { get; init; }

    /// <summary>What the report may draw: distributions of a drift test, for example.</summary>
    public IReadOnlyList<ChartPoint> Chart { get; init; } = [];

    /// <summary>Where the check is declared in the gates file.</summary>
    public SourceLocation? ConfigLocation { get; init; }

    /// <summary>Where the failure is best shown: the first unexpected value in the data, else the declaration.</summary>
    public SourceLocation? Location => PartialUnexpected.FirstOrDefault(u => u.Location is not null)?.Location ?? ConfigLocation;
}
