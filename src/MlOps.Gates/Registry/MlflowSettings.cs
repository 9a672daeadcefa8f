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

    /// <summary>
    /// A folder where artifacts are copied and kept by hash, for servers that do not serve artifacts; when null, each
    /// artifact is uploaded to the server's artifact store in a run of <see cref="Experiment"/>.
    /// </summary>
    public string? ArtifactStore { get; init; }

    /// <summary>The experiment the registration runs are logged in.</summary>
    public string Experiment { get; init; } = "mlops-gates";

    public static string? UriFromEnvironment() => Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI") is { Length: > 0 } uri ? uri : null;
}
