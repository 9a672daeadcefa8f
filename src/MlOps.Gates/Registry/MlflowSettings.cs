namespace MlOps.Gates.Registry;

/// <summary>
/// How to reach an MLflow tracking server: its URI (else <c>MLFLOW_TRACKING_URI</c>) and credentials from the usual
/// variables, <c>MLFLOW_TRACKING_TOKEN</c> (a bearer token) or <c>MLFLOW_TRACKING_USERNAME</c> and <c>MLFLOW_TRACKING_PASSWORD</c>.
/// </summary>
public sealed record MlflowSettings(string TrackingUri)
{
    public string? Token { get; init; } = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_TOKEN");

    public string? Username { get; init; } = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_USERNAME");

    public string? Password { get; init; } = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_PASSWORD");

    /// <summary>Where artifacts are copied and kept by hash, since the REST API stores only their location.</summary>
    public string? ArtifactStore { get; init; }

    public static string? UriFromEnvironment() => Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI") is { Length: > 0 } uri ? uri : null;
}
