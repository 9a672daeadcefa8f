namespace MlOps.Gates.Registry;

/// <summary>One line of a model's append-only audit log: every change to versions and aliases, numbered in order.</summary>
public sealed record AuditEntry
{
    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary><c>register</c>, <c>promote</c>, <c>rollback</c>, <c>archive</c>, <c>tag</c> or <c>remove-alias</c>.</summary>
    public required string Action { get; init; }

    public required string Model { get; init; }

    public int? Version { get; init; }

    public string? Alias { get; init; }

    /// <summary>The version the alias pointed at before, for promotions and rollbacks.</summary>
    public int? Previous { get; init; }

    public string? By { get; init; }

    public string? Reason { get; init; }

    public string? Commit { get; init; }
}
