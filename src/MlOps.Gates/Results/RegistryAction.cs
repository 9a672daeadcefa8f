namespace MlOps.Gates.Results;

/// <summary>What the run did in the model registry: registered a version, promoted it, or refused and why.</summary>
public sealed record RegistryAction(string Action, string Model, int? Version, string? Alias, int? Previous, bool Succeeded, string Message, string Registry, string? Code = null);
