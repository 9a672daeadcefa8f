using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Tests;

/// <summary>
/// An HTTP server inside the tests that behaves as an open-source MLflow server for the endpoints MlOps.Gates calls
/// (model registry, experiments and runs, the artifact proxy): parameters read where MLflow reads them, MLflow's
/// checks (<see cref="MlflowRules"/>), status codes, paging tokens and response shapes (absent fields left out, never
/// null), plain-text refusals from its authentication layer. <c>MlflowStandInTests</c> pins each behaviour to the
/// MLflow source it comes from. It records every request.
/// </summary>
public sealed class FakeMlflowServer : JsonTestServer
{
    private const string ArtifactApi = "/api/2.0/mlflow-artifacts/artifacts/";
    private readonly Dictionary<string, JsonObject> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _experiments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _runs = new(StringComparer.Ordinal);
    private readonly bool _servesArtifacts;
    private long _clock = 1_700_000_000_000;

    /// <param name="servesArtifacts">As <c>mlflow server --serve-artifacts</c> (the default since 2.0).</param>
    /// <param name="defaultArtifactRoot">
    /// <c>--default-artifact-root</c>: experiments keep their runs' artifacts under it; <c>mlflow-artifacts:/</c> when
    /// serving artifacts, else an S3 bucket the server does not serve.
    /// </param>
    public FakeMlflowServer(bool servesArtifacts = true, string? defaultArtifactRoot = null)
    {
        _servesArtifacts = servesArtifacts;
        DefaultArtifactRoot = defaultArtifactRoot ?? (servesArtifacts ? "mlflow-artifacts:" : "s3://bucket");
    }

    /// <summary><c>--default-artifact-root</c>, under which experiments created from now on keep their runs' artifacts.</summary>
    public string DefaultArtifactRoot { get; set; }

    /// <summary>
    /// <c>MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX</c> on the server: a version whose source does not match
    /// is refused (mlflow/server/handlers.py, _create_model_version).
    /// </summary>
    public string? SourceValidationRegex { get; set; }

    /// <summary>When set, ending a run fails (an outage between creating a version and finishing its run).</summary>
    public bool FailRunUpdates { get; set; }

    public string Uri => BaseUrl;

    /// <summary>Uploaded artifacts by their path under the artifact root.</summary>
    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs by id, with the status they were last set to.</summary>
    public Dictionary<string, string> Runs => _runs.ToDictionary(r => r.Key, r => r.Value["status"]!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>When set, the server runs MLflow's basic-auth app (<c>mlflow server --app-name basic-auth</c>) with this one user.</summary>
    public (string User, string Password)? BasicAuth { get; set; }

    /// <summary>Paths the authenticated user has no permission for (403).</summary>
    public Func<string, bool> Forbidden { get; set; } = _ => false;

    /// <summary>Marks an experiment deleted, as <c>mlflow experiments delete</c> does: it keeps its name and refuses runs.</summary>
    public void DeleteExperiment(string name)
    {
        lock (_experiments)
        {
            _experiments[name]["lifecycle_stage"] = "deleted";
        }
    }

    /// <summary>The artifact location of an experiment by name, or null.</summary>
    public string? ExperimentLocation(string name) => _experiments.GetValueOrDefault(name)?["artifact_location"]?.GetValue<string>();

    protected override RawAnswer? HandleRaw(RawRequest request)
    {
        if (BasicAuth is { } account)
        {
            // mlflow/server/auth/__init__.py, _before_request and make_basic_auth_response: a plain-text 401 with
            // WWW-Authenticate; an authenticated user without permission gets a plain-text 403.
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.User}:{account.Password}"));
            if (request.Authorization != expected)
            {
                return RawAnswer.Text(401, "You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.", new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"mlflow\"" });
            }

            if (Forbidden(request.Path))
            {
                return RawAnswer.Text(403, "Permission denied");
            }
        }

        if (!request.Path.StartsWith(ArtifactApi, StringComparison.Ordinal))
        {
            // mlflow/server/handlers.py, _get_request_json: _validate_content_type refuses a POST that is not JSON.
            return MlflowRules.ContentType(request.Method, request.ContentType) is { } refused
                ? new RawAnswer(400, Encoding.UTF8.GetBytes(new JsonObject { ["error_code"] = "INVALID_PARAMETER_VALUE", ["message"] = refused }.ToJsonString()), "application/json")
                : null;
        }

        if (!_servesArtifacts)
        {
            // mlflow/server/handlers.py, _disable_unless_serve_artifacts.
            return RawAnswer.Text(503, "Endpoint: /mlflow-artifacts/artifacts disabled due to the mlflow server running with `--no-serve-artifacts`. To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`");
        }

        var key = System.Uri.UnescapeDataString(request.Path[ArtifactApi.Length..]);
        // mlflow/utils/uri.py, validate_path_is_safe: '#' (and its escapes) in an artifact path is refused.
        if (key.Contains('#', StringComparison.Ordinal) || key.Contains("%23", StringComparison.OrdinalIgnoreCase) || key.Split('/').Contains(".."))
        {
            return new RawAnswer(400, """{"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid path"}"""u8.ToArray(), "application/json");
        }

        switch (request.Method)
        {
            case "PUT":
                Artifacts[key] = request.Body;
                return new RawAnswer(200, "{}"u8.ToArray(), "application/json");
            case "GET" when Artifacts.TryGetValue(key, out var stored):
                return new RawAnswer(200, stored);
            default:
                // mlflow/server/handlers.py, _download_artifact: the artifact repository raises on a missing file, which
                // is no MlflowException, so Flask answers 500 with Werkzeug's HTML page, not a 404 with an error code.
                return new RawAnswer(500, "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n"u8.ToArray(), "text/html; charset=utf-8");
        }
    }

    protected override (int Status, JsonNode Body) Handle(string method, string path, NameValueCollection query, JsonObject? body)
    {
        const string api = "/api/2.0/mlflow/";
        if (!path.StartsWith(api, StringComparison.Ordinal))
        {
            return Error(404, "ENDPOINT_NOT_FOUND", "no such endpoint");
        }

        // mlflow/server/handlers.py, _get_request_message: a GET's parameters come from its query string, a POST's,
        // PATCH's or DELETE's from its JSON body; nothing is read from the other place.
        var args = method == "GET" && query.Count > 0 ? FromQuery(query) : body ?? new JsonObject();
        try
        {
            return Route(method, path[api.Length..], args);
        }
        catch (Refused refused)
        {
            return Error(refused.Status, refused.Code, refused.Message);
        }
    }

    private (int, JsonObject) Route(string method, string endpoint, JsonObject args)
    {
        switch ((method, endpoint))
        {
            case ("POST", "registered-models/create"):
            {
                var name = Required(args, "name");
                foreach (var tag in args["tags"]?.AsArray() ?? [])
                {
                    Check(MlflowRules.Tag(tag?["key"]?.GetValue<string>(), tag?["value"]?.GetValue<string>()));
                }

                if (_models.ContainsKey(name))
                {
                    throw new Refused(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
                }

                var now = Tick();
                _models[name] = new JsonObject { ["name"] = name, ["creation_timestamp"] = now, ["last_updated_timestamp"] = now };
                _versions[name] = [];
                foreach (var tag in args["tags"]?.AsArray() ?? [])
                {
                    SetTag(_models[name], tag!["key"]!.GetValue<string>(), tag["value"]?.GetValue<string>() ?? string.Empty);
                }

                return Ok(new JsonObject { ["registered_model"] = _models[name].DeepClone() });
            }

            case ("DELETE", "registered-models/delete"):
            {
                var name = Required(args, "name");
                Model(name);
                _models.Remove(name);
                _versions.Remove(name);
                return Ok(new JsonObject());
            }

            case ("GET", "registered-models/get"):
                return Ok(new JsonObject { ["registered_model"] = Model(Required(args, "name")).DeepClone() });
            case ("GET", "registered-models/search"):
                return Page(_models.Values.OrderBy(m => m["name"]!.GetValue<string>(), StringComparer.Ordinal).ToList(), "registered_models", args, 100, MlflowRules.RegisteredModelsMaxResults);
            case ("POST", "registered-models/set-tag"):
            {
                var model = Model(Required(args, "name"));
                var key = Required(args, "key");
                var value = args["value"]?.GetValue<string>() ?? throw new Refused(400, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'value'. See the API docs for more information about request parameters.");
                Check(MlflowRules.Tag(key, value));
                SetTag(model, key, value);
                return Ok(new JsonObject());
            }

            case ("POST", "model-versions/create"):
            {
                var name = Required(args, "name");
                var source = Required(args, "source");
                var runId = args["run_id"]?.GetValue<string>() is { Length: > 0 } r ? r : null;
                var run = runId is null ? null : _runs.GetValueOrDefault(runId) ?? throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"Run with id={runId} not found");
                if (SourceValidationRegex is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(source, pattern))
                {
                    throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Invalid model version source: '{source}'.");
                }

                Check(MlflowRules.Source(source, run?["artifact_uri"]?.GetValue<string>()));
                foreach (var tag in args["tags"]?.AsArray() ?? [])
                {
                    Check(MlflowRules.Tag(tag?["key"]?.GetValue<string>(), tag?["value"]?.GetValue<string>()));
                }

                Model(name);
                var list = _versions[name];
                var now = Tick();
                var version = new JsonObject
                {
                    ["name"] = name,
                    ["version"] = (list.Count + 1).ToString(CultureInfo.InvariantCulture),
                    ["creation_timestamp"] = now,
                    ["last_updated_timestamp"] = now,
                    ["current_stage"] = "None",
                    ["source"] = source,
                    ["status"] = "READY",
                };
                if (runId is not null)
                {
                    version["run_id"] = runId;
                }

                if (args["description"]?.GetValue<string>() is { Length: > 0 } description)
                {
                    version["description"] = description;
                }

                foreach (var tag in args["tags"]?.AsArray() ?? [])
                {
                    SetTag(version, tag!["key"]!.GetValue<string>(), tag["value"]?.GetValue<string>() ?? string.Empty);
                }

                list.Add(version);
                return Ok(new JsonObject { ["model_version"] = WithAliases(version) });
            }

            case ("GET", "model-versions/get"):
                return Ok(new JsonObject { ["model_version"] = WithAliases(Version(Required(args, "name"), Required(args, "version"))) });
            case ("GET", "model-versions/search"):
            {
                var filter = args["filter"]?.GetValue<string>() ?? string.Empty;
                var wanted = filter.StartsWith("name='", StringComparison.Ordinal) && filter.EndsWith('\'') ? filter[6..^1] : null;
                var found = _versions.Where(v => wanted is null || v.Key == wanted).SelectMany(v => v.Value).Select(WithAliases).ToList();
                return Page(found, "model_versions", args, 10_000, MlflowRules.ModelVersionsMaxResults);
            }

            case ("POST", "model-versions/set-tag"):
            {
                var version = Version(Required(args, "name"), Required(args, "version"));
                var key = Required(args, "key");
                var value = args["value"]?.GetValue<string>() ?? string.Empty;
                Check(MlflowRules.Tag(key, value));
                SetTag(version, key, value);
                return Ok(new JsonObject());
            }

            case ("POST", "registered-models/alias"):
            {
                var name = Required(args, "name");
                var alias = Required(args, "alias");
                Check(MlflowRules.Alias(alias));
                var model = Model(name);
                // mlflow/store/model_registry/sqlalchemy_store.py, set_registered_model_alias: the version is looked up
                // with _get_sql_model_version, whose miss is RESOURCE_DOES_NOT_EXIST (404), not a bad parameter.
                var version = Version(name, Required(args, "version"));
                var aliases = model["aliases"] as JsonArray ?? [];
                model["aliases"] = aliases;
                if (aliases.FirstOrDefault(a => a!["alias"]!.GetValue<string>() == alias) is { } existing)
                {
                    aliases.Remove(existing);
                }

                aliases.Add(new JsonObject { ["alias"] = alias, ["version"] = version["version"]!.GetValue<string>() });
                model["last_updated_timestamp"] = Tick();
                return Ok(new JsonObject());
            }

            case ("GET", "registered-models/alias"):
            {
                var name = Required(args, "name");
                var alias = Required(args, "alias");
                var holder = Model(name)["aliases"]?.AsArray().FirstOrDefault(a => a!["alias"]!.GetValue<string>() == alias)
                    // mlflow/store/model_registry/sqlalchemy_store.py, get_model_version_by_alias: a missing alias is a bad parameter (400).
                    ?? throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Registered model alias {alias} not found.");
                return Ok(new JsonObject { ["model_version"] = WithAliases(Version(name, holder["version"]!.GetValue<string>())) });
            }

            case ("GET", "experiments/get-by-name"):
            {
                var name = Required(args, "experiment_name");
                // mlflow/store/tracking/sqlalchemy_store.py, get_experiment_by_name: a deleted experiment is returned too.
                return _experiments.TryGetValue(name, out var experiment)
                    ? Ok(new JsonObject { ["experiment"] = experiment.DeepClone() })
                    : throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'");
            }

            case ("POST", "experiments/create"):
            {
                var name = Required(args, "name");
                var location = args["artifact_location"]?.GetValue<string>() is { Length: > 0 } given ? given : null;
                if (location is not null && (location.Contains('#', StringComparison.Ordinal) || location.Contains('?', StringComparison.Ordinal)))
                {
                    // mlflow/utils/validation.py, _validate_experiment_artifact_location.
                    throw new Refused(400, "INVALID_PARAMETER_VALUE", "'artifact_location' URL can't include fragments or params.");
                }

                if (_experiments.ContainsKey(name))
                {
                    throw new Refused(400, "RESOURCE_ALREADY_EXISTS", $"Experiment(name={name}) already exists. Error: (raised as a result of Query-invoked autoflush)");
                }

                var id = (_experiments.Count + 1).ToString(CultureInfo.InvariantCulture);
                var now = Tick();
                _experiments[name] = new JsonObject
                {
                    ["experiment_id"] = id,
                    ["name"] = name,
                    // mlflow/store/tracking/sqlalchemy_store.py, create_experiment: the default root and the id, unless given.
                    ["artifact_location"] = location ?? $"{DefaultArtifactRoot.TrimEnd('/')}/{id}",
                    ["lifecycle_stage"] = "active",
                    ["creation_time"] = now,
                    ["last_update_time"] = now,
                };
                return Ok(new JsonObject { ["experiment_id"] = id });
            }

            case ("POST", "runs/create"):
            {
                var experimentId = Required(args, "experiment_id");
                var experiment = _experiments.Values.FirstOrDefault(e => e["experiment_id"]!.GetValue<string>() == experimentId)
                    ?? throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={experimentId} exists");
                if (experiment["lifecycle_stage"]!.GetValue<string>() != "active")
                {
                    // mlflow/store/tracking/sqlalchemy_store.py, create_run.
                    throw new Refused(400, "INVALID_PARAMETER_VALUE", $"The experiment {experimentId} must be in the 'active' state. Current state is deleted.");
                }

                var runId = Guid.NewGuid().ToString("N");
                var info = new JsonObject
                {
                    ["run_id"] = runId,
                    ["run_uuid"] = runId,
                    ["experiment_id"] = experimentId,
                    ["run_name"] = args["run_name"]?.GetValue<string>() ?? "run",
                    ["status"] = "RUNNING",
                    ["start_time"] = args["start_time"]?.DeepClone() ?? Tick(),
                    // mlflow/store/tracking/sqlalchemy_store.py, create_run: append_to_uri_path(artifact_location, run_id, "artifacts").
                    ["artifact_uri"] = $"{experiment["artifact_location"]!.GetValue<string>().TrimEnd('/')}/{runId}/artifacts",
                    ["lifecycle_stage"] = "active",
                };
                _runs[runId] = info;
                return Ok(new JsonObject { ["run"] = new JsonObject { ["info"] = info.DeepClone(), ["data"] = new JsonObject { ["tags"] = args["tags"]?.DeepClone() ?? new JsonArray() }, ["inputs"] = new JsonObject() } });
            }

            case ("POST", "runs/update"):
            {
                if (FailRunUpdates)
                {
                    throw new Refused(500, "INTERNAL_ERROR", "the tracking store is unavailable");
                }

                var runId = Required(args, "run_id");
                var run = _runs.GetValueOrDefault(runId) ?? throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"Run with id={runId} not found");
                if (args["status"]?.GetValue<string>() is { Length: > 0 } status)
                {
                    run["status"] = status;
                }

                if (args["end_time"] is { } end)
                {
                    run["end_time"] = end.DeepClone();
                }

                return Ok(new JsonObject { ["run_info"] = run.DeepClone() });
            }

            default:
                return Error(404, "ENDPOINT_NOT_FOUND", $"{method} {endpoint}");
        }
    }

    private long Tick() => ++_clock;

    private JsonObject Model(string name) =>
        _models.GetValueOrDefault(name) ?? throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} not found");

    private JsonObject Version(string name, string version)
    {
        // mlflow/utils/validation.py, _validate_model_version: the version must be an integer.
        if (!int.TryParse(version, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Parameter 'version' must be an integer, got '{version}'.");
        }

        return _versions.GetValueOrDefault(name)?.FirstOrDefault(v => v["version"]!.GetValue<string>() == number.ToString(CultureInfo.InvariantCulture))
            ?? throw new Refused(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version={number}) not found");
    }

    /// <summary>A version as MLflow answers it: with the aliases that point at it, and no aliases field when none do.</summary>
    private JsonObject WithAliases(JsonObject version)
    {
        var copy = (JsonObject)version.DeepClone();
        var names = (_models[version["name"]!.GetValue<string>()]["aliases"]?.AsArray() ?? [])
            .Where(a => a!["version"]!.GetValue<string>() == version["version"]!.GetValue<string>())
            .Select(a => (JsonNode)JsonValue.Create(a!["alias"]!.GetValue<string>())!)
            .ToArray();
        if (names.Length > 0)
        {
            copy["aliases"] = new JsonArray(names);
        }

        return copy;
    }

    private static void SetTag(JsonObject entity, string key, string value)
    {
        var tags = entity["tags"] as JsonArray ?? [];
        entity["tags"] = tags;
        if (tags.FirstOrDefault(t => t!["key"]!.GetValue<string>() == key) is { } existing)
        {
            tags.Remove(existing);
        }

        tags.Add(new JsonObject { ["key"] = key, ["value"] = value });
    }

    /// <summary>mlflow/server/handlers.py, _search_registered_models and _search_model_versions: max_results within the ceiling, an offset in a base64 token.</summary>
    private static (int, JsonObject) Page(List<JsonObject> items, string key, JsonObject args, int defaultSize, int ceiling)
    {
        var size = defaultSize;
        if (args["max_results"] is { } given)
        {
            if (!int.TryParse(given.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
            {
                throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Invalid value \"{given}\" for parameter 'max_results' supplied.");
            }

            if (size > ceiling || size < 1)
            {
                throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Invalid value for request parameter max_results. It must be at most {ceiling}, but got value {size}");
            }
        }

        var (start, error) = MlflowRules.Offset(args["page_token"]?.GetValue<string>());
        Check(error);
        var page = new JsonObject();
        var slice = items.Skip(start).Take(size).Select(i => (JsonNode)i.DeepClone()).ToArray();
        if (slice.Length > 0)
        {
            page[key] = new JsonArray(slice);
        }

        if (start + size < items.Count)
        {
            page["next_page_token"] = MlflowRules.PageToken(start + size);
        }

        return (200, page);
    }

    private static JsonObject FromQuery(NameValueCollection query)
    {
        var args = new JsonObject();
        foreach (var key in query.AllKeys.OfType<string>())
        {
            args[key] = query[key];
        }

        return args;
    }

    /// <summary>mlflow/server/handlers.py, _assert_required: absent or empty is "Missing value for required parameter".</summary>
    private static string Required(JsonObject args, string key) =>
        args[key]?.ToString() is { Length: > 0 } value ? value : throw new Refused(400, "INVALID_PARAMETER_VALUE", $"Missing value for required parameter '{key}'. See the API docs for more information about request parameters.");

    private static void Check(string? refusal)
    {
        if (refusal is not null)
        {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", refusal);
        }
    }

    private static (int, JsonObject) Ok(JsonObject body) => (200, body);

    private static (int, JsonObject) Error(int status, string code, string message) => (status, new JsonObject { ["error_code"] = code, ["message"] = message });

    private sealed class Refused(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;
    }
}
