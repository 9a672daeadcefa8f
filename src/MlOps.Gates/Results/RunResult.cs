namespace MlOps.Gates.Results;

/// <summary>The outcome of one run of the gates file: every gate, in the order the file names them.</summary>
public sealed class RunResult
{
    public const int SchemaVersion = 1;

    public string Tool { get; init; } = "MlOps.Gates";

    public required string Version { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The gates file, relative to the working directory where it can be.</summary>
    public string? Config { get; init; }

    /// <summary>The folder that finding paths are relative to; front ends make them absolute or repository-relative.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    public required IReadOnlyList<GateResult> Gates { get; init; }

    /// <summary>What the run did in the model registry after the gates: registered, promoted, or refused and why.</summary>
    public IReadOnlyList<RegistryAction> Registry { get; init; } = [];

    /// <summary>The gates file's <c>card:</c> section, carried into report.json so a registration from the report can keep it.</summary>
    public Cards.ModelCardSection? Card { get; init; }

    public GateStatus Status => Gates.Select(g => g.Status)
        .Append(Registry.Any(a => !a.Succeeded) ? GateStatus.Failed : GateStatus.Passed)
        .Max();

    public IEnumerable<Finding> Findings => Gates.SelectMany(g => g.Findings)
        .Concat(Registry.Where(a => !a.Succeeded).Select(a => new Finding(a.Code ?? ErrorCodes.PromotionRefused, Severity.Error, $"registry: {a.Message}", null, a.Action)));

    /// <summary>The same run with the registry's actions added.</summary>
    public RunResult WithRegistry(IReadOnlyList<RegistryAction> actions) => new()
    {
        Tool = Tool,
        Version = Version,
        StartedAt = StartedAt,
        Duration = Duration,
        Config = Config,
        BaseDirectory = BaseDirectory,
        Gates = Gates,
        Registry = actions,
    };

    /// <summary>Whether the run fails at the given bar: errors only, or warnings too.</summary>
    public bool FailsAt(Severity failOn) => failOn == Severity.Warning
        ? Status >= GateStatus.Warning
        : Status == GateStatus.Failed;
}
