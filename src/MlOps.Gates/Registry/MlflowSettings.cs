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

    /// <summary>Retries of a request the server answers 408, 429 or 5xx, or that cannot connect (MLflow's default: 7).</summary>
    public int MaxRetries { get; init; } = 7;

    /// <summary>Seconds before the first retry, doubling each time up to <see cref="MaxBackoff"/> (MLflow's default: 2).</summary>
    public double BackoffFactor { get; init; } = 2;

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long one API request may take (MLflow's default: 120 s). An artifact transfer is not cut by it once the
    /// server has answered: a large model uploads and downloads for as long as it moves.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The URI given, else <c>MLFLOW_TRACKING_URI</c>, with the credentials of MLflow's variables.</summary>
    /// <remarks>The retry and timeout variables of MLflow's client are read too; one that is not a number is ignored.</remarks>
    public static MlflowSettings FromSurroundings(string uri, Surroundings surroundings)
    {
        var defaults = new MlflowSettings(uri);
        return defaults with
        {
            Token = surroundings.Get("MLFLOW_TRACKING_TOKEN"),
            Username = surroundings.Get("MLFLOW_TRACKING_USERNAME"),
            Password = surroundings.Get("MLFLOW_TRACKING_PASSWORD"),
            MaxRetries = Number(surroundings.Get("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), 0, 100) is { } retries ? (int)retries : defaults.MaxRetries,
            BackoffFactor = Number(surroundings.Get("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), 0, 600) ?? defaults.BackoffFactor,
            Timeout = Number(surroundings.Get("MLFLOW_HTTP_REQUEST_TIMEOUT"), 1, 86_400) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Timeout,
        };
    }

    private static double? Number(string? text, double min, double max) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}
