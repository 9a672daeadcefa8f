namespace MlOps.Gates.Kinds;

/// <summary>The gate kinds this version knows, in the order a run takes them.</summary>
public static class GateKinds
{
    public static IReadOnlyList<IGateKind> Default { get; } = [new DataQualityKind(), new DriftKind(), new EvaluateKind()];
}
