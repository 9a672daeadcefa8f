using MlOps.Gates.Results;

namespace MlOps.Gates.Registry;

/// <summary>
/// One registered version of a model, immutable once written: what the artifact is (hash, size), where it came from
/// (source, commit, branch, dirty tree, CI run), what it was measured on (datasets' fingerprints) and what the gates
/// said of it. Tags, description and the archived mark may change later and live beside it.
/// </summary>
public sealed record ModelVersion
{
    public required string Name { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string ArtifactSha256 { get; init; }

    public required long ArtifactSize { get; init; }

    /// <summary>The artifact's file name, kept for downloads.</summary>
    public required string ArtifactFileName { get; init; }

    /// <summary>Where the artifact was registered from, as given.</summary>
    public required string Source { get; init; }

    public GitInfo? Git { get; init; }

    public string? CiRunUrl { get; init; }

    public string? RegisteredBy { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<DatasetFingerprint> Datasets { get; init; } = [];

    public IReadOnlyList<GateSummary> Gates { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? Description { get; init; }

    /// <summary>What the version was built with: OS, .NET, MlOps.Gates, ML.NET and ONNX Runtime versions, the lock file's hash, seeds.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>What the version's model card shows besides this record: the gates file's card section and the evaluations of its run.</summary>
    public Cards.CardFacts? Card { get; init; }

    public bool Archived { get; init; }

    /// <summary>The aliases that point at this version now (filled in when read, not stored with the version).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

public sealed record GitInfo(string Commit, string? Branch, bool Dirty);

/// <summary>A dataset the gates read: its path as shown, SHA-256 of its bytes, and DVC's md5 when a .dvc file describes it.</summary>
public sealed record DatasetFingerprint(string Path, string Sha256, long Size, string? DvcMd5 = null);

/// <summary>What one gate of the run said: its status and the datasets it read.</summary>
public sealed record GateSummary(string Name, string Type, GateStatus Status, IReadOnlyList<string> Datasets, int Checks = 0, int Failed = 0, int Warnings = 0);
