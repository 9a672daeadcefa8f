namespace MlOps.Gates.Registry;

/// <summary>
/// What a version needs before an alias may point at it: gates that passed for it (optionally on a given dataset),
/// the alias it must hold now (production only from staging), and a maximum age.
/// </summary>
public sealed record PromotionPolicy
{
    public required string Alias { get; init; }

    public IReadOnlyList<RequiredGate> RequireGates { get; init; } = [];

    /// <summary>The alias the version must hold now; null when it may come from anywhere.</summary>
    public string? From { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>Whether a gate that passed with warnings counts as passed (default: yes).</summary>
    public bool AllowWarnings { get; init; } = true;
}

/// <summary>A gate that must have passed; with <see cref="Dataset"/>, on that dataset (its path as the gates file shows it).</summary>
public sealed record RequiredGate(string Gate, string? Dataset = null);
