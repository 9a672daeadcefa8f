namespace MlOps.Gates.Registry;

/// <summary>
/// How to reach an MLflow tracking server: its URI and credentials, which <see cref="FromSurroundings"/> takes from
/// MLflow's own variables: <c>MLFLOW_TRACKING_TOKEN</c> (a bearer token) or <c>MLFLOW_TRACKING_USERNAME</c> and
/// <c>MLFLOW_TRACKING_PASSWORD</c>.
/// </summary>
public sealed record MlflowSettings(string TrackingUri)
{
    public string? Token { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// A folder where artifacts are copied and kept by hash, for servers that do not serve artifacts; when null, each
    /// artifact is uploaded to the server's artifact store in a run of <see cref="Experiment"/>.
    /// </summary>
    public string? ArtifactStore { get; init; }

    /// <summary>The experiment the registration runs are logged in.</summary>
    public string Experiment { get; init; } = "mlops-gates";

    /// <summary>The URI given, else <c>MLFLOW_TRACKING_URI</c>, with the credentials of MLflow's variables.</summary>
    public static MlflowSettings FromSurroundings(string uri, Surroundings surroundings) => new(uri)
    {
        Token = surroundings.Get("MLFLOW_TRACKING_TOKEN"),
        Username = surroundings.Get("MLFLOW_TRACKING_USERNAME"),
        Password = surroundings.Get("MLFLOW_TRACKING_PASSWORD"),
    };
}
