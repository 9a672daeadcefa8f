using System.Text.Json.Nodes;

namespace MlOps.Gates.Registry;

/// <summary>
/// Keeps model artifacts where <c>mlflow.register_model</c> keeps them: each registration logs a run in an experiment
/// and puts the file, with an <c>MLmodel</c> file beside it, in the run's <c>model</c> folder; the version's source
/// points there, with the run's id. The folder is reached through the server's artifact proxy
/// (<c>mlflow-artifacts:</c>, or an http(s) root on the proxy's route), or, for a server that does not serve its
/// artifacts, in the shared artifact store folder, where the experiment is created.
/// </summary>
internal sealed class MlflowArtifacts(MlflowClient client, MlflowSettings settings, TimeProvider time)
{
    private const string Scheme = "mlflow-artifacts:";

    /// <summary>The route every proxied artifact URL is anchored at (mlflow/server/handlers.py, _get_proxied_run_artifact_destination_path).</summary>
    private const string Route = "/api/2.0/mlflow-artifacts/artifacts/";

    /// <summary>Whether a version's source is in the server's proxied artifact store.</summary>
    public static bool IsProxied(string source) =>
        source.StartsWith(Scheme, StringComparison.Ordinal)
        || (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath.Contains(Route, StringComparison.Ordinal));

    /// <summary>
    /// Creates a run, puts the file and its MLmodel in the run's model folder, and returns the folder's URI (the
    /// version's source) and the run, still running: <see cref="Finish"/> ends it once the version exists.
    /// </summary>
    public (string Source, string RunId) Upload(string model, string file, string? commit)
    {
        var experimentId = Experiment();
        var tags = new JsonArray(new JsonObject { ["key"] = "mlflow.source.name", ["value"] = "mlops-gates" });
        if (commit is not null)
        {
            tags.Add(new JsonObject { ["key"] = "mlflow.source.git.commit", ["value"] = commit });
        }

        var info = client.Post("runs/create", new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["run_name"] = $"register {model}",
            ["start_time"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["tags"] = tags,
        })["run"]?["info"] as JsonObject ?? throw new GatesInputException(ErrorCodes.RegistryUnavailable, "MLflow did not return the created run");
        var runId = info["run_id"]!.GetValue<string>();
        var artifactUri = info["artifact_uri"]?.GetValue<string>() ?? string.Empty;
        var source = artifactUri.TrimEnd('/') + "/model";
        var fileName = SafeFileName(Path.GetFileName(file));
        try
        {
            var modelFile = MlflowModelFile.Write(file, fileName, runId, time.GetUtcNow());
            if (IsProxied(artifactUri))
            {
                var folder = ProxiedPath(source);
                client.PutArtifact($"{folder}/{fileName}", file);
                client.PutArtifactText($"{folder}/{MlflowModelFile.FileName}", modelFile);
            }
            else if (StoreFolder(artifactUri) is { } folder)
            {
                var target = Path.Combine(folder, "model");
                try
                {
                    Directory.CreateDirectory(target);
                    AtomicFile.Copy(file, Path.Combine(target, fileName));
                    AtomicFile.WriteAllText(Path.Combine(target, MlflowModelFile.FileName), modelFile);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new GatesInputException(ErrorCodes.RegistryNotWritable, $"the model cannot be put in the artifact store at {target}: {IoErrors.Describe(e)}", new Results.SourceLocation(target), e);
                }
            }
            else
            {
                throw new GatesInputException(ErrorCodes.RegistryUnavailable, Unreachable(artifactUri));
            }
        }
        catch
        {
            Finish(runId, "FAILED");
            throw;
        }

        return (source, runId);
    }

    /// <summary>Ends a registration's run: FINISHED once its version exists, FAILED when the registration stopped.</summary>
    public void Finish(string runId, string status) =>
        client.Post("runs/update", new JsonObject { ["run_id"] = runId, ["status"] = status, ["end_time"] = time.GetUtcNow().ToUnixTimeMilliseconds() });

    /// <summary>
    /// The name a file is uploaded under: MLflow's artifact proxy refuses '#' (and percent-decodes a path more than
    /// once, mlflow/utils/uri.py, validate_path_is_safe), so anything but letters, digits, '.', '_' and '-' becomes '_'.
    /// </summary>
    public static string SafeFileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        return safe.Trim('.').Length == 0 || safe == MlflowModelFile.FileName ? "model" : safe;
    }

    /// <summary>Streams a version's file from the server into a stream and returns its SHA-256 (hex) and size.</summary>
    public (string Sha256, long Size) Download(string source, string fileName, Stream destination)
    {
        using var hashing = new HashingStream(destination);
        client.GetArtifact($"{ProxiedPath(source)}/{fileName}", hashing);
        return (hashing.Sha256(), hashing.Length);
    }

    /// <summary>A local folder a source or run artifact URI names (file: URI or path), or null.</summary>
    public static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile && (parsed.IsLoopback || parsed.Host.Length == 0) ? parsed.LocalPath
        : Path.IsPathRooted(uri) ? uri
        : null;

    /// <summary>The path under the proxy's route: an mlflow-artifacts: URI's path, or what follows the route in an http(s) URL.</summary>
    private string ProxiedPath(string uri)
    {
        if (uri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? Uri.UnescapeDataString(parsed.AbsolutePath).Trim('/') : uri[Scheme.Length..].Trim('/');
        }

        var url = new Uri(uri);
        var tracking = new Uri(settings.TrackingUri);
        if (!string.Equals(url.GetLeftPart(UriPartial.Authority), tracking.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            // The credentials are the tracking server's; they are not sent to another host.
            throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow server keeps run artifacts behind another server ({url.GetLeftPart(UriPartial.Authority)}), and MlOps.Gates sends the tracking server's credentials to the tracking server only: point the server's --default-artifact-root at mlflow-artifacts:/ or at a route of the tracking server itself");
        }

        var path = Uri.UnescapeDataString(url.AbsolutePath);
        return path[(path.IndexOf(Route, StringComparison.Ordinal) + Route.Length)..].Trim('/');
    }

    /// <summary>The run's artifact folder when it is a local folder inside the configured artifact store; null otherwise.</summary>
    private string? StoreFolder(string artifactUri)
    {
        if (settings.ArtifactStore is not { } store || LocalPath(artifactUri) is not { } folder)
        {
            return null;
        }

        var root = Path.GetFullPath(store).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(folder).StartsWith(root, StringComparison.Ordinal) ? folder : null;
    }

    private string Unreachable(string artifactUri) => settings.ArtifactStore is { } store
        ? $"the MLflow server keeps this experiment's run artifacts at '{artifactUri}', outside the artifact store '{store}', where MlOps.Gates cannot put them: name an experiment that does not exist yet with registry.mlflow.experiment (MlOps.Gates creates it with its artifacts in the store), or start the server with --serve-artifacts and leave artifact_store out"
        : $"the MLflow server keeps run artifacts at '{artifactUri}', which it does not serve over HTTP, so the model cannot be uploaded: start the server with --serve-artifacts, or set registry.mlflow.artifact_store to a folder the server and every user of the registry reach, with registry.mlflow.experiment naming an experiment that does not exist yet (MlOps.Gates creates it with its artifacts in that folder)";

    /// <summary>
    /// The experiment's id, created on first use (in the artifact store folder when one is set). A deleted experiment
    /// keeps its name on the server and refuses runs, so it is reported, not used.
    /// </summary>
    private string Experiment()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var experiment = client.Get("experiments/get-by-name", ("experiment_name", settings.Experiment))["experiment"]!;
                var id = experiment["experiment_id"]!.GetValue<string>();
                if (experiment["lifecycle_stage"]?.GetValue<string>() == "deleted")
                {
                    throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow experiment '{settings.Experiment}' (id {id}) was deleted, and MLflow refuses runs in it: restore it (mlflow experiments restore --experiment-id {id}) or name another with registry.mlflow.experiment");
                }

                return id;
            }
            catch (MlflowException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
            {
            }

            var create = new JsonObject { ["name"] = settings.Experiment };
            if (settings.ArtifactStore is { } store)
            {
                create["artifact_location"] = new Uri(Path.GetFullPath(store)).AbsoluteUri;
            }

            try
            {
                return client.Post("experiments/create", create)["experiment_id"]!.GetValue<string>();
            }
            catch (MlflowException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS" && attempt == 0)
            {
                // Another registration created it between the two calls: read it again.
            }
        }
    }
}
