namespace MlOps.Gates.Registry;

/// <summary>What a caller registers: the artifact file and what is known of it; the registry adds the number, hash and date.</summary>
public sealed record VersionDraft
{
    public required string ArtifactPath { get; init; }

    public string? Source { get; init; }

    public GitInfo? Git { get; init; }

    public string? CiRunUrl { get; init; }

    public string? RegisteredBy { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<DatasetFingerprint> Datasets { get; init; } = [];

    public IReadOnlyList<GateSummary> Gates { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? Description { get; init; }

    /// <summary>What the version was built with (<see cref="ReproducibilityRecord"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>What the version's model card shows besides this record: the gates file's card section and the evaluations of its run.</summary>
    public Cards.CardFacts? Card { get; init; }
}
