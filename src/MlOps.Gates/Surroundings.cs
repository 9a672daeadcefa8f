namespace MlOps.Gates;

/// <summary>
/// What a front end read from the machine it runs on, handed to the engine, which reads no environment itself: the
/// environment's variables (CI context, MLflow's URI and credentials) and the user's name.
/// </summary>
public sealed record Surroundings(Func<string, string?> Variables, string? UserName = null)
{
    /// <summary>Nothing known: no variables, no user.</summary>
    public static Surroundings None { get; } = new(_ => null);

    /// <summary>A variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) => Variables(name) is { Length: > 0 } value ? value : null;
}
