using System.Globalization;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Tests;

/// <summary>
/// An HTTP server inside the tests that implements the MLflow endpoints MlOps.Gates calls (model registry,
/// experiments and runs, and the artifact proxy), with their documented error codes (RESOURCE_ALREADY_EXISTS,
/// RESOURCE_DOES_NOT_EXIST, INVALID_PARAMETER_VALUE), paging and the 5000-character tag limit. It records every request.
/// </summary>
public sealed class FakeMlflowServer(bool servesArtifacts = true) : JsonTestServer
{
    private const string ArtifactApi = "/api/2.0/mlflow-artifacts/artifacts/";
    private readonly Dictionary<string, JsonObject> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _experiments = new(StringComparer.Ordinal);

    public string Uri => BaseUrl;

    /// <summary>Uploaded artifacts by their path under the artifact root.</summary>
    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs by id, with the status they were last set to.</summary>
    public Dictionary<string, string> Runs { get; } = new(StringComparer.Ordinal);

    protected override (int Status, byte[] Body)? HandleBytes(string method, string path, byte[] body)
    {
        if (!path.StartsWith(ArtifactApi, StringComparison.Ordinal))
        {
            return null;
        }

        var key = System.Uri.UnescapeDataString(path[ArtifactApi.Length..]);
        // mlflow/utils/uri.py, validate_path_is_safe: '#' (and its escapes) in an artifact path is refused.
        if (key.Contains('#', StringComparison.Ordinal) || key.Contains("%23", StringComparison.OrdinalIgnoreCase))
        {
            return (400, """{"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid path"}"""u8.ToArray());
        }

        switch (method)
        {
            case "PUT":
                Artifacts[key] = body;
                return (200, "{}"u8.ToArray());
            case "GET" when Artifacts.TryGetValue(key, out var stored):
                return (200, stored);
            default:
                // mlflow/server/handlers.py, _download_artifact: the artifact repository raises on a missing file, which
                // is no MlflowException, so Flask answers 500 with Werkzeug's HTML page, not a 404 with an error code.
                return (500, "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n"u8.ToArray());
        }
    }

    protected override (int Status, JsonNode Body) Handle(string method, string path, System.Collections.Specialized.NameValueCollection query, JsonObject? body) =>
        Route(method, path, query, body ?? new JsonObject());

    private (int, JsonObject) Route(string method, string path, System.Collections.Specialized.NameValueCollection query, JsonObject body)
    {
        const string api = "/api/2.0/mlflow/";
        if (!path.StartsWith(api, StringComparison.Ordinal))
        {
            return Error(404, "ENDPOINT_NOT_FOUND", "no such endpoint");
        }

        string? Q(string key) => query[key] ?? body[key]?.ToString();
        var name = Q("name");
        switch ((method, path[api.Length..]))
        {
            case ("POST", "registered-models/create"):
                if (_models.ContainsKey(name!))
                {
                    return Error(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
                }

                _models[name!] = new JsonObject { ["name"] = name, ["tags"] = new JsonArray(), ["aliases"] = new JsonArray() };
                _versions[name!] = [];
                return Ok(new JsonObject { ["registered_model"] = _models[name!].DeepClone() });
            case ("GET", "registered-models/get"):
                return _models.TryGetValue(name!, out var model)
                    ? Ok(new JsonObject { ["registered_model"] = model.DeepClone() })
                    : Missing($"Registered Model with name={name} not found");
            case ("GET", "registered-models/search"):
                return Page(_models.Values.OrderBy(m => m["name"]!.GetValue<string>(), StringComparer.Ordinal).ToList(), "registered_models", query);
            case ("POST", "registered-models/set-tag"):
                if (!_models.TryGetValue(name!, out model))
                {
                    return Missing($"Registered Model with name={name} not found");
                }

                return SetTag((JsonArray)model["tags"]!, body["key"]!.GetValue<string>(), body["value"]!.GetValue<string>());
            case ("POST", "model-versions/create"):
                if (!_versions.TryGetValue(name!, out var list))
                {
                    return Missing($"Registered Model with name={name} not found");
                }

                foreach (var tag in body["tags"]?.AsArray() ?? [])
                {
                    if (tag!["value"]!.GetValue<string>().Length > 5000)
                    {
                        return Error(400, "INVALID_PARAMETER_VALUE", "Tag value exceeded maximum length of 5000");
                    }
                }

                var version = new JsonObject
                {
                    ["name"] = name,
                    ["version"] = (list.Count + 1).ToString(CultureInfo.InvariantCulture),
                    ["creation_timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    ["source"] = body["source"]?.DeepClone(),
                    ["run_id"] = body["run_id"]?.DeepClone(),
                    ["description"] = body["description"]?.DeepClone(),
                    ["status"] = "READY",
                    ["tags"] = body["tags"]?.DeepClone() ?? new JsonArray(),
                };
                list.Add(version);
                return Ok(new JsonObject { ["model_version"] = version.DeepClone() });
            case ("GET", "experiments/get-by-name"):
                return _experiments.TryGetValue(Q("experiment_name")!, out var experimentId)
                    ? Ok(new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = experimentId, ["name"] = Q("experiment_name") } })
                    : Missing($"Could not find experiment with name '{Q("experiment_name")}'");
            case ("POST", "experiments/create"):
                if (_experiments.ContainsKey(name!))
                {
                    return Error(400, "RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
                }

                _experiments[name!] = (_experiments.Count + 1).ToString(CultureInfo.InvariantCulture);
                return Ok(new JsonObject { ["experiment_id"] = _experiments[name!] });
            case ("POST", "runs/create"):
                var experimentOfRun = Q("experiment_id")!;
                if (!_experiments.ContainsValue(experimentOfRun))
                {
                    return Missing($"No Experiment with id={experimentOfRun} exists");
                }

                var runId = Guid.NewGuid().ToString("N");
                Runs[runId] = "RUNNING";
                var root = servesArtifacts ? $"mlflow-artifacts:/{experimentOfRun}/{runId}/artifacts" : $"s3://bucket/{experimentOfRun}/{runId}/artifacts";
                return Ok(new JsonObject { ["run"] = new JsonObject { ["info"] = new JsonObject { ["run_id"] = runId, ["experiment_id"] = experimentOfRun, ["artifact_uri"] = root, ["status"] = "RUNNING" } } });
            case ("POST", "runs/update"):
                if (!Runs.ContainsKey(Q("run_id")!))
                {
                    return Missing($"Run '{Q("run_id")}' not found");
                }

                Runs[Q("run_id")!] = Q("status")!;
                return Ok(new JsonObject());
            case ("GET", "model-versions/get"):
                return Version(name!, Q("version")) is { } found ? Ok(new JsonObject { ["model_version"] = found.DeepClone() }) : Missing($"Model Version (name={name}, version={Q("version")}) not found");
            case ("GET", "model-versions/search"):
                var filter = query["filter"] ?? string.Empty;
                var wanted = filter.StartsWith("name='", StringComparison.Ordinal) ? filter[6..^1] : null;
                return Page(_versions.Where(v => wanted is null || v.Key == wanted).SelectMany(v => v.Value).ToList(), "model_versions", query);
            case ("POST", "model-versions/set-tag"):
                return Version(name!, Q("version")) is { } tagged
                    ? SetTag((JsonArray)tagged["tags"]!, body["key"]!.GetValue<string>(), body["value"]!.GetValue<string>())
                    : Missing($"Model Version (name={name}, version={Q("version")}) not found");
            case ("POST", "registered-models/alias"):
                if (!_models.TryGetValue(name!, out model) || Version(name!, Q("version")) is null)
                {
                    return Error(400, "INVALID_PARAMETER_VALUE", $"Model version {Q("version")} of {name} does not exist");
                }

                var aliases = (JsonArray)model["aliases"]!;
                var existing = aliases.FirstOrDefault(a => a!["alias"]!.GetValue<string>() == Q("alias"));
                if (existing is not null)
                {
                    aliases.Remove(existing);
                }

                aliases.Add(new JsonObject { ["alias"] = Q("alias"), ["version"] = Q("version") });
                return Ok(new JsonObject());
            case ("GET", "registered-models/alias"):
                var holder = _models.GetValueOrDefault(name!)?["aliases"]?.AsArray().FirstOrDefault(a => a!["alias"]!.GetValue<string>() == Q("alias"));
                return holder is null
                    ? Error(400, "INVALID_PARAMETER_VALUE", $"Registered model alias {Q("alias")} not found.")
                    : Ok(new JsonObject { ["model_version"] = Version(name!, holder["version"]!.GetValue<string>())!.DeepClone() });
            default:
                return Error(404, "ENDPOINT_NOT_FOUND", $"{method} {path}");
        }
    }

    private JsonObject? Version(string name, string? version) =>
        _versions.GetValueOrDefault(name)?.FirstOrDefault(v => v["version"]!.GetValue<string>() == version);

    private static (int, JsonObject) SetTag(JsonArray tags, string key, string value)
    {
        if (key.Length > 250)
        {
            return Error(400, "INVALID_PARAMETER_VALUE", "Tag key exceeded maximum length of 250");
        }

        if (value.Length > 5000)
        {
            return Error(400, "INVALID_PARAMETER_VALUE", "Tag value exceeded maximum length of 5000");
        }

        var existing = tags.FirstOrDefault(t => t!["key"]!.GetValue<string>() == key);
        if (existing is not null)
        {
            tags.Remove(existing);
        }

        tags.Add(new JsonObject { ["key"] = key, ["value"] = value });
        return Ok(new JsonObject());
    }

    private static (int, JsonObject) Page(List<JsonObject> items, string key, System.Collections.Specialized.NameValueCollection query)
    {
        var size = int.Parse(query["max_results"] ?? "100", CultureInfo.InvariantCulture);
        var start = int.Parse(query["page_token"] ?? "0", CultureInfo.InvariantCulture);
        var page = new JsonObject { [key] = new JsonArray(items.Skip(start).Take(size).Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        if (start + size < items.Count)
        {
            page["next_page_token"] = (start + size).ToString(CultureInfo.InvariantCulture);
        }

        return (200, page);
    }

    private static (int, JsonObject) Ok(JsonObject body) => (200, body);

    private static (int, JsonObject) Missing(string message) => Error(404, "RESOURCE_DOES_NOT_EXIST", message);

    private static (int, JsonObject) Error(int status, string code, string message) => (status, new JsonObject { ["error_code"] = code, ["message"] = message });
}
