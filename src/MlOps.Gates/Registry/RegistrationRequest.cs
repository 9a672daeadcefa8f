namespace MlOps.Gates.Registry;

/// <summary>What a run should do in the registry once its gates pass: register this artifact under this name, and maybe promote it.</summary>
public sealed record RegistrationRequest
{
    public required string Model { get; init; }

    public required string ArtifactPath { get; init; }

    public string? PromoteTo { get; init; }

    public string? Reason { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
