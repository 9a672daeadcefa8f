namespace MlOps.Gates.Registry;

/// <summary>Who makes a change, why and at which commit: recorded in the audit log.</summary>
public sealed record ChangeInfo(string? By, string? Reason, string? Commit);
