using MlOps.Gates.Quality;

namespace MlOps.Gates.Kinds;

/// <summary>The gate kinds this version knows, in the order a run takes them.</summary>
public static class GateKinds
{
    public static IReadOnlyList<IGateKind> Default { get; } = [new DataQualityKind(), new DriftKind(), new EvaluateKind()];

    /// <summary>The kind whose <c>type:</c> names include <paramref name="type"/>.</summary>
    public static IGateKind Find(string type) =>
        Default.FirstOrDefault(k => k.TypeNames.Contains(type, StringComparer.Ordinal)) ?? throw new ArgumentException($"no gate kind '{type}'", nameof(type));

    /// <summary>The default kinds, with data-quality gates reading their checks from <paramref name="checks"/>.</summary>
    public static IReadOnlyList<IGateKind> WithChecks(CheckCatalog checks) =>
        Default.Select(k => k is DataQualityKind ? new DataQualityKind(checks) : k).ToList();
}
