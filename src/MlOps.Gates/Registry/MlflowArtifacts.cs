using System.Text.Json.Nodes;

namespace MlOps.Gates.Registry;

/// <summary>
/// Keeps model artifacts in the MLflow server's own artifact store, as <c>mlflow.register_model</c> does: each
/// registration logs a run in an experiment, uploads the file under the run's <c>model</c> folder through the server's
/// artifact proxy (<c>mlflow-artifacts:</c>), and the version's source points there. Downloads stream back through the proxy.
/// </summary>
internal sealed class MlflowArtifacts(MlflowClient client, string experiment, TimeProvider time)
{
    private const string Scheme = "mlflow-artifacts:";

    /// <summary>Whether a version's source is in the server's proxied artifact store.</summary>
    public static bool IsProxied(string source) => source.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>Uploads the file in a new run and returns the model folder's URI (the version's source) and the run.</summary>
    public (string Source, string RunId) Upload(string model, string file, string? commit)
    {
        var tags = new JsonArray(new JsonObject { ["key"] = "mlflow.source.name", ["value"] = "mlops-gates" });
        if (commit is not null)
        {
            tags.Add(new JsonObject { ["key"] = "mlflow.source.git.commit", ["value"] = commit });
        }

        var info = client.Post("runs/create", new JsonObject
        {
            ["experiment_id"] = ExperimentId(),
            ["run_name"] = $"register {model}",
            ["start_time"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["tags"] = tags,
        })["run"]?["info"] as JsonObject ?? throw new GatesInputException(ErrorCodes.RegistryUnavailable, "MLflow did not return the created run");
        var runId = info["run_id"]!.GetValue<string>();
        var artifactUri = info["artifact_uri"]?.GetValue<string>() ?? string.Empty;
        if (!IsProxied(artifactUri))
        {
            Finish(runId, "FAILED");
            throw new GatesInputException(
                ErrorCodes.RegistryUnavailable,
                $"the MLflow server keeps run artifacts at '{artifactUri}', which it does not serve over HTTP, so the model cannot be uploaded: start the server with --serve-artifacts, or set registry.mlflow.artifact_store to a folder every user of the registry can reach");
        }

        var source = artifactUri.TrimEnd('/') + "/model";
        try
        {
            client.PutArtifact($"{ProxiedPath(source)}/{SafeFileName(Path.GetFileName(file))}", file);
        }
        catch
        {
            Finish(runId, "FAILED");
            throw;
        }

        Finish(runId, "FINISHED");
        return (source, runId);
    }

    /// <summary>
    /// The name a file is uploaded under: MLflow's artifact proxy refuses '#' (and percent-decodes a path more than
    /// once, mlflow/utils/uri.py, validate_path_is_safe), so anything but letters, digits, '.', '_' and '-' becomes '_'.
    /// </summary>
    public static string SafeFileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        return safe.Trim('.').Length == 0 ? "model" : safe;
    }

    /// <summary>Streams a version's file from the server into a stream and returns its SHA-256 (hex) and size.</summary>
    public (string Sha256, long Size) Download(string source, string fileName, Stream destination)
    {
        using var hashing = new HashingStream(destination);
        client.GetArtifact($"{ProxiedPath(source)}/{fileName}", hashing);
        return (hashing.Sha256(), hashing.Length);
    }

    private static string ProxiedPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? Uri.UnescapeDataString(parsed.AbsolutePath).Trim('/') : uri[Scheme.Length..].Trim('/');

    private string ExperimentId()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return client.Get("experiments/get-by-name", ("experiment_name", experiment))["experiment"]!["experiment_id"]!.GetValue<string>();
            }
            catch (MlflowException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
            {
            }

            try
            {
                return client.Post("experiments/create", new JsonObject { ["name"] = experiment })["experiment_id"]!.GetValue<string>();
            }
            catch (MlflowException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS" && attempt == 0)
            {
                // Another registration created it between the two calls: read it again.
            }
        }
    }

    private void Finish(string runId, string status) =>
        client.Post("runs/update", new JsonObject { ["run_id"] = runId, ["status"] = status, ["end_time"] = time.GetUtcNow().ToUnixTimeMilliseconds() });
}
