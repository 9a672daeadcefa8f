using MlOps.Gates.Registry;

namespace MlOps.Gates.Config;

/// <summary>The gates file's <c>registry</c>: a local folder or an MLflow server, the default model name, and promotion policies per alias.</summary>
public sealed record RegistrySettings
{
    /// <summary>The local registry's folder (full path); null when the registry is MLflow's.</summary>
    public string? Path { get; init; }

    public MlflowSettings? Mlflow { get; init; }

    /// <summary>The model the build registers and promotes when no name is given.</summary>
    public string? Model { get; init; }

    public IReadOnlyDictionary<string, PromotionPolicy> Policies { get; init; } = new Dictionary<string, PromotionPolicy>();

    public IModelRegistry Open() => Mlflow is { } mlflow ? new MlflowRegistry(mlflow) : new LocalRegistry(Path ?? throw new InvalidOperationException("no registry path"));
}
