namespace MlOps.Gates.Results;

/// <summary>What one gate found: the same shape for data quality, drift, evaluation and registry gates.</summary>
public sealed record GateResult
{
    public required string Name { get; init; }

    /// <summary>The gate's type as written in the gates file: <c>data-quality</c>, <c>drift</c>, <c>evaluate</c>.</summary>
    public required string Type { get; init; }

    public required GateStatus Status { get; init; }

    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Gate-level numbers, such as rows read or the drifted share of columns.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>What the verdict rests on: input paths, their SHA-256 fingerprints, sizes, model versions.</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    public TimeSpan Duration { get; init; }

    /// <summary>For evaluate gates: the metrics beside the baseline's, confusion matrices, curves and slices.</summary>
    public ModelEvaluation? Evaluation { get; init; }

    /// <summary>Set for an evaluate gate that compared two models on unlabelled data (a shadow comparison).</summary>
    public ShadowComparison? Shadow { get; init; }

    /// <summary>For drift gates: the dataset's verdict, typed (<see cref="Metrics"/> holds the same for templates).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DriftSummary? Drift { get; init; }

    /// <summary>The files the gate read, from its definition.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Config.GateInput> Inputs { get; init; } = [];

    /// <summary>For data-quality gates: the dataset read, typed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Quality.DatasetSummary? Dataset { get; init; }

    /// <summary>The rows the gate judged: the dataset's, the current side's for drift, the labelled rows for evaluate.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long? RowsRead => Dataset?.Rows ?? Drift?.CurrentRows ?? Evaluation?.Rows ?? Shadow?.Rows;

    public int PassedChecks => Checks.Count(c => c.Success);

    public int FailedChecks => Checks.Count(c => c.Status == GateStatus.Failed);

    public int WarningChecks => Checks.Count(c => c.Status == GateStatus.Warning);

    /// <summary>One finding per check that did not succeed, at the check's location: "gate: check: message".</summary>
    public static IReadOnlyList<Finding> FindingsOf(string gate, IEnumerable<CheckResult> checks) =>
        checks.Where(c => !c.Success)
            .Select(c => new Finding(c.Code, c.Severity, $"{gate}: {c.Id}: {c.Message}", c.Location, c.Id))
            .ToList();

    /// <summary>The status of a gate from its checks: any failed error check fails it, any failed warning warns.</summary>
    public static GateStatus StatusOf(IEnumerable<CheckResult> checks) =>
        checks.Select(c => c.Status).DefaultIfEmpty(GateStatus.Passed).Max();
}
