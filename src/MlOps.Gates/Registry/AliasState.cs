namespace MlOps.Gates.Registry;

/// <summary>An alias: the version it points at, and the versions it pointed at before, latest last, for rollback.</summary>
public sealed record AliasState(int Version, IReadOnlyList<int> Previous);
