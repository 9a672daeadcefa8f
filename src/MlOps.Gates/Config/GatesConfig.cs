using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Config;

/// <summary>A loaded, checked gates file: datasets, gates in order, report settings.</summary>
public sealed class GatesConfig
{
    public const string DefaultFileName = "mlops-gates.yml";

    /// <summary>The gates file's full path, or null for a suite run without one.</summary>
    public string? Path { get; init; }

    /// <summary>The folder paths in the file are relative to, and findings are shown relative to.</summary>
    public required string BaseDirectory { get; init; }

    public IReadOnlyDictionary<string, DatasetOptions> Datasets { get; init; } = new Dictionary<string, DatasetOptions>();

    public required IReadOnlyList<GateDefinition> Gates { get; init; }

    public ReportSettings Reports { get; init; } = new();

    public Severity? FailOn { get; init; }

    /// <summary>The model registry and its promotion policies; null when the gates file names none.</summary>
    public RegistrySettings? Registry { get; init; }

    /// <summary>The <c>card:</c> section: what a model card of the versions this file registers says besides measurements.</summary>
    public Cards.ModelCardSection? Card { get; init; }

    /// <summary>What the front end read from the machine when it loaded the file: the CI's variables for provenance.</summary>
    public Surroundings Surroundings { get; init; } = Surroundings.None;
}
