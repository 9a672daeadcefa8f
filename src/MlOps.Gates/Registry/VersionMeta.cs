namespace MlOps.Gates.Registry;

/// <summary>What may change about a version after it is registered: its tags, description and archived mark.</summary>
internal sealed record VersionMeta(IReadOnlyDictionary<string, string> Tags, string? Description, bool Archived);
