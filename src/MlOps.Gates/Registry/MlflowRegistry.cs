using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Registry;

/// <summary>
/// MLflow's model registry through its documented REST API, for teams that share one: versions, aliases and tags are
/// MLflow's own; what MLflow has no field for (artifact hash and size, commit, datasets, gate results, alias history,
/// audit trail) is kept in tags prefixed <c>mlops_gates.</c>, each within MLflow's tag value limit.
/// </summary>
public sealed class MlflowRegistry : IModelRegistry, IDisposable
{
    /// <summary>MLflow's limit on a tag value in characters (open-source servers enforce 5000 on model version tags).</summary>
    public const int TagLimit = 5000;
    private const string Prefix = "mlops_gates.";
    private readonly MlflowClient _client;
    private readonly MlflowArtifacts _artifacts;
    private readonly MlflowSettings _settings;
    private readonly TimeProvider _time;

    public MlflowRegistry(MlflowSettings settings, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        _settings = settings;
        _client = new MlflowClient(settings, handler);
        _time = time ?? TimeProvider.System;
        _artifacts = new MlflowArtifacts(_client, settings, _time);
    }

    public string Location => _settings.TrackingUri;

    public ModelVersion Register(string name, VersionDraft draft, ChangeInfo change)
    {
        RegistryNames.Model(name);
        ArtifactFile.Require(draft.ArtifactPath);
        foreach (var key in draft.Tags.Keys)
        {
            // Checked before the model, the run or the upload exist, so a refused key leaves nothing behind.
            RegistryNames.MlflowTagKey(key);
        }

        var (hash, size) = FileHash.Sha256(draft.ArtifactPath);
        var createdModel = Call(() =>
        {
            try
            {
                _client.Post("registered-models/create", new JsonObject { ["name"] = name });
                return true;
            }
            catch (MlflowException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS")
            {
                // Registered by an earlier version: the versions go on.
                return false;
            }
        });

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "sha256"] = hash,
            [Prefix + "size"] = size.ToString(CultureInfo.InvariantCulture),
            [Prefix + "file_name"] = MlflowArtifacts.SafeFileName(Path.GetFileName(draft.ArtifactPath)),
            [Prefix + "source"] = draft.Source ?? draft.ArtifactPath,
        };
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                tags[Prefix + key] = Fit(value);
            }
        }

        Add("git_commit", draft.Git?.Commit);
        Add("git_branch", draft.Git?.Branch);
        Add("git_dirty", draft.Git is null ? null : draft.Git.Dirty ? "true" : "false");
        Add("ci_run_url", draft.CiRunUrl);
        Add("registered_by", draft.RegisteredBy ?? change.By);
        Add("params", draft.Params.Count == 0 ? null : JsonSerializer.Serialize(draft.Params, RegistryJson.Line));
        Add("metrics", draft.Metrics.Count == 0 ? null : JsonSerializer.Serialize(draft.Metrics, RegistryJson.Line));
        Add("datasets", draft.Datasets.Count == 0 ? null : FitJson(draft.Datasets));
        Add("gates", draft.Gates.Count == 0 ? null : FitJson(draft.Gates));
        Add("environment", draft.Environment.Count == 0 ? null : JsonSerializer.Serialize(draft.Environment, RegistryJson.Line) is { Length: <= TagLimit } environment ? environment : null);
        if (draft.Card is { IsEmpty: false } card)
        {
            foreach (var (key, piece) in TagParts.Split(Prefix + "card", JsonSerializer.Serialize(card, RegistryJson.Line), TagLimit))
            {
                tags[key] = piece;
            }
        }

        foreach (var (key, value) in draft.Tags)
        {
            tags[key] = Fit(value);
        }

        JsonObject created;
        string? runId = null;
        try
        {
            (var source, runId) = Call(() => _artifacts.Upload(name, draft.ArtifactPath, draft.Git?.Commit));
            var body = new JsonObject
            {
                ["name"] = name,
                ["source"] = source,
                ["run_id"] = runId,
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
            };
            if (draft.Description is not null)
            {
                body["description"] = draft.Description;
            }

            created = Call(() => _client.Post("model-versions/create", body))["model_version"] as JsonObject
                ?? throw new GatesInputException(ErrorCodes.RegistryUnavailable, "MLflow did not return the created model version");
        }
        catch (GatesInputException)
        {
            // Nothing half-made is left: the run says FAILED, and a model this registration created goes again.
            Undo(name, createdModel, runId);
            throw;
        }

        try
        {
            _artifacts.Finish(runId!, "FINISHED");
        }
        catch (Exception e) when (e is MlflowException or GatesInputException)
        {
            // The version exists and holds the file: a run left RUNNING is untidy, not a failed registration.
        }
        var version = ToVersion(created, new Dictionary<string, AliasState>());
        AppendAudit(name, new AuditEntry { Sequence = 0, At = version.Created, Action = "register", Model = name, Version = version.Version, By = change.By, Reason = change.Reason, Commit = change.Commit ?? draft.Git?.Commit });
        return version;
    }

    public IReadOnlyList<string> Models() =>
        Call(() => _client.Search("registered-models/search", "registered_models").Select(m => m["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList());

    public IReadOnlyList<ModelVersion> Versions(string name)
    {
        RegistryNames.Model(name);
        var aliases = Aliases(name);
        return Call(() => _client.Search("model-versions/search", "model_versions", ("filter", $"name='{name}'"))
            .Select(v => ToVersion(v, aliases))
            .OrderBy(v => v.Version)
            .ToList());
    }

    public ModelVersion Get(string name, int version)
    {
        RegistryNames.Model(name);
        var json = Call(() => _client.Get("model-versions/get", ("name", name), ("version", version.ToString(CultureInfo.InvariantCulture))));
        return ToVersion((JsonObject)json["model_version"]!, Aliases(name));
    }

    public ModelVersion? Resolve(string name, string alias)
    {
        RegistryNames.Model(name);
        alias = RegistryNames.Alias(alias);
        try
        {
            var json = _client.Get("registered-models/alias", ("name", name), ("alias", alias));
            return ToVersion((JsonObject)json["model_version"]!, Aliases(name));
        }
        catch (MlflowException e) when (e.ErrorCode is "RESOURCE_DOES_NOT_EXIST" or "INVALID_PARAMETER_VALUE")
        {
            return null;
        }
    }

    public IReadOnlyDictionary<string, AliasState> Aliases(string name)
    {
        var model = Model(name);
        var tags = Tags(model);
        var aliases = new Dictionary<string, AliasState>(StringComparer.Ordinal);
        foreach (var alias in model["aliases"]?.AsArray() ?? [])
        {
            var key = alias!["alias"]!.GetValue<string>();
            var version = int.Parse(alias["version"]!.ToString(), CultureInfo.InvariantCulture);
            var history = tags.TryGetValue(Prefix + "previous." + key, out var text) && text.Length > 0
                ? text.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList()
                : [];
            aliases[key] = new AliasState(version, history);
        }

        return aliases;
    }

    public int? SetAlias(string name, string alias, int version, ChangeInfo change)
    {
        RegistryNames.Model(name);
        alias = RegistryNames.MlflowAlias(alias);
        Get(name, version);
        var current = Aliases(name).GetValueOrDefault(alias);
        var history = current?.Previous.ToList() ?? [];
        if (current is { } c && c.Version != version)
        {
            history.Add(c.Version);
        }

        SetModelTag(name, Prefix + "previous." + alias, string.Join(',', history.TakeLast(200)));
        Call(() => _client.Post("registered-models/alias", new JsonObject { ["name"] = name, ["alias"] = alias, ["version"] = version.ToString(CultureInfo.InvariantCulture) }));
        AppendAudit(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "promote", Model = name, Version = version, Alias = alias, Previous = current?.Version, By = change.By, Reason = change.Reason, Commit = change.Commit });
        return current?.Version;
    }

    public int Rollback(string name, string alias, ChangeInfo change)
    {
        RegistryNames.Model(name);
        alias = RegistryNames.MlflowAlias(alias);
        var state = Aliases(name).GetValueOrDefault(alias);
        if (state is null || state.Previous.Count == 0)
        {
            throw new GatesInputException(ErrorCodes.NothingToRollBack, $"{name}@{alias} has no previous version to roll back to");
        }

        var restored = state.Previous[^1];
        SetModelTag(name, Prefix + "previous." + alias, string.Join(',', state.Previous.Take(state.Previous.Count - 1)));
        Call(() => _client.Post("registered-models/alias", new JsonObject { ["name"] = name, ["alias"] = alias, ["version"] = restored.ToString(CultureInfo.InvariantCulture) }));
        AppendAudit(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "rollback", Model = name, Version = restored, Alias = alias, Previous = state.Version, By = change.By, Reason = change.Reason, Commit = change.Commit });
        return restored;
    }

    public void SetTag(string name, int version, string key, string value, ChangeInfo change)
    {
        RegistryNames.Model(name);
        RegistryNames.MlflowTagKey(key);
        SetVersionTag(name, version, key, Fit(value));
        AppendAudit(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "tag", Model = name, Version = version, Reason = Fit($"{key}={value}"), By = change.By, Commit = change.Commit });
    }

    public void Archive(string name, int version, ChangeInfo change)
    {
        var record = Get(name, version);
        if (record.Aliases.Count > 0)
        {
            throw new GatesInputException(ErrorCodes.PromotionRefused, $"{name} version {version} is still {string.Join(" and ", record.Aliases)}; promote another version there before archiving it");
        }

        SetVersionTag(name, version, Prefix + "archived", "true");
        AppendAudit(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "archive", Model = name, Version = version, By = change.By, Reason = change.Reason, Commit = change.Commit });
    }

    public void Download(string name, int version, string destination)
    {
        var record = Get(name, version);
        if (Verify(name, version) is { } problem)
        {
            throw new GatesInputException(ErrorCodes.ArtifactChanged, problem);
        }

        var target = DownloadTarget.Resolve(destination, record.ArtifactFileName, $"{name} version {version}");
        if (!MlflowArtifacts.IsProxied(record.Source))
        {
            AtomicFile.Copy(LocalPath(record) ?? throw new GatesInputException(ErrorCodes.ArtifactChanged, $"{name} version {version}: its artifact {record.Source} is not a local file"), target);
            return;
        }

        // Checked while it streams in: a file that changed on the server never replaces the destination.
        AtomicFile.Write(target, stream =>
        {
            var (hash, size) = DownloadArtifact(record, stream);
            if (Changed(record, hash, size) is { } problem)
            {
                throw new GatesInputException(ErrorCodes.ArtifactChanged, problem);
            }
        });
    }

    public string? Verify(string name, int version)
    {
        var record = Get(name, version);
        if (MlflowArtifacts.IsProxied(record.Source))
        {
            try
            {
                var (downloaded, length) = DownloadArtifact(record, Stream.Null);
                return Changed(record, downloaded, length);
            }
            catch (GatesInputException e) when (e.Errors is [{ Code: ErrorCodes.ArtifactChanged } missing])
            {
                return missing.Message;
            }
        }

        var path = LocalPath(record);
        if (path is null)
        {
            return $"{name} version {version}: its artifact {record.Source} is not a local file, so it cannot be verified here";
        }

        if (!File.Exists(path))
        {
            return $"{name} version {version}: its artifact {record.Source} is missing";
        }

        var (hash, size) = FileHash.Sha256(path);
        return Changed(record, hash, size);
    }

    private static string? Changed(ModelVersion record, string hash, long size) =>
        hash == record.ArtifactSha256 && size == record.ArtifactSize
            ? null
            : $"{record.Name} version {record.Version}: its artifact changed (SHA-256 {hash}, {size} bytes; registered {record.ArtifactSha256}, {record.ArtifactSize} bytes)";

    public IReadOnlyList<AuditEntry> Audit(string name)
    {
        RegistryNames.Model(name);
        // An entry longer than a tag holds is split over audit.NNNNNNNN, audit.NNNNNNNN.2, ...; parts join in order.
        var parts = Tags(Model(name))
            .Where(t => t.Key.StartsWith(Prefix + "audit.", StringComparison.Ordinal))
            .Select(t => (Name: t.Key[(Prefix.Length + "audit.".Length)..], t.Value))
            .Select(t => (Sequence: t.Name.Split('.')[0], Part: t.Name.Contains('.', StringComparison.Ordinal) && int.TryParse(t.Name.Split('.')[1], NumberStyles.None, CultureInfo.InvariantCulture, out var part) ? part : 1, t.Value))
            .Where(t => long.TryParse(t.Sequence, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        return parts
            .GroupBy(p => long.Parse(p.Sequence, CultureInfo.InvariantCulture))
            .Select(g => AuditEntryOf(name, g.Key, string.Concat(g.OrderBy(p => p.Part).Select(p => p.Value))))
            .OrderBy(e => e.Sequence)
            .ToList();
    }

    /// <summary>An entry as stored; one that does not read (cut by an earlier version) stays in the trail as unreadable.</summary>
    private static AuditEntry AuditEntryOf(string model, long sequence, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEntry>(json, RegistryJson.Line) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            return new AuditEntry { Sequence = sequence, At = DateTimeOffset.UnixEpoch, Action = "unreadable", Model = model, Reason = "this entry was cut by an earlier version and cannot be read" };
        }
    }

    public void Dispose() => _client.Dispose();

    private static ModelVersion ToVersion(JsonObject json, IReadOnlyDictionary<string, AliasState> aliases)
    {
        var tags = Tags(json);
        string? Tag(string key) => tags.GetValueOrDefault(Prefix + key);
        T? Json<T>(string key) => Tag(key) is { } text && !text.EndsWith('…') ? JsonSerializer.Deserialize<T>(text, RegistryJson.Line) : default;
        var number = int.Parse(json["version"]!.ToString(), CultureInfo.InvariantCulture);
        return new ModelVersion
        {
            Name = json["name"]!.GetValue<string>(),
            Version = number,
            Created = DateTimeOffset.FromUnixTimeMilliseconds(json["creation_timestamp"]?.GetValue<long>() ?? 0),
            ArtifactSha256 = Tag("sha256") ?? string.Empty,
            ArtifactSize = long.TryParse(Tag("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0,
            ArtifactFileName = Tag("file_name") ?? "model",
            Source = json["source"]?.GetValue<string>() ?? string.Empty,
            Git = Tag("git_commit") is { } commit ? new GitInfo(commit, Tag("git_branch"), Tag("git_dirty") == "true") : null,
            CiRunUrl = Tag("ci_run_url"),
            RegisteredBy = Tag("registered_by"),
            Params = Json<Dictionary<string, string>>("params") ?? [],
            Metrics = Json<Dictionary<string, double>>("metrics") ?? [],
            Datasets = Json<List<DatasetFingerprint>>("datasets") ?? [],
            Gates = Json<List<GateSummary>>("gates") ?? [],
            Environment = Json<Dictionary<string, string>>("environment") ?? [],
            Card = TagParts.Join(tags, Prefix + "card") is { } card ? Card(card) : null,
            Tags = tags.Where(t => !t.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            Description = json["description"]?.GetValue<string>() is { Length: > 0 } d ? d : null,
            Archived = Tag("archived") == "true",
            Aliases = aliases.Where(a => a.Value.Version == number).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The card facts of a version; a record that does not parse is left out, not fatal (records are untrusted).</summary>
    private static Cards.CardFacts? Card(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Cards.CardFacts>(json, RegistryJson.Line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private JsonObject Model(string name) =>
        (JsonObject)Call(() => _client.Get("registered-models/get", ("name", name)))["registered_model"]!;

    private static Dictionary<string, string> Tags(JsonObject json)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (json["tags"])
        {
            case JsonArray array:
                foreach (var tag in array)
                {
                    tags[tag!["key"]!.GetValue<string>()] = tag["value"]?.GetValue<string>() ?? string.Empty;
                }

                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    tags[key] = value?.GetValue<string>() ?? string.Empty;
                }

                break;
        }

        return tags;
    }

    /// <summary>Appends to the audit trail, kept as model tags numbered in order.</summary>
    private void AppendAudit(string name, AuditEntry entry)
    {
        var entries = Audit(name);
        var next = (entries.Count > 0 ? entries[^1].Sequence : 0) + 1;
        var json = JsonSerializer.Serialize(entry with { Sequence = next }, RegistryJson.Line);
        var key = string.Create(CultureInfo.InvariantCulture, $"{Prefix}audit.{next:D8}");
        // Never cut: JSON cut short does not read back. Longer entries go over several tags.
        for (var part = 1; (part - 1) * TagLimit < json.Length; part++)
        {
            var piece = json.Substring((part - 1) * TagLimit, Math.Min(TagLimit, json.Length - ((part - 1) * TagLimit)));
            SetModelTag(name, part == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}.{part}"), piece);
        }
    }

    private void SetModelTag(string name, string key, string value) =>
        Call(() => _client.Post("registered-models/set-tag", new JsonObject { ["name"] = name, ["key"] = key, ["value"] = value }));

    private void SetVersionTag(string name, int version, string key, string value) =>
        Call(() => _client.Post("model-versions/set-tag", new JsonObject { ["name"] = name, ["version"] = version.ToString(CultureInfo.InvariantCulture), ["key"] = key, ["value"] = value }));

    /// <summary>Best effort after a failed registration: the run marked FAILED, the registered model deleted if this registration created it.</summary>
    private void Undo(string name, bool createdModel, string? runId)
    {
        try
        {
            if (runId is not null)
            {
                _artifacts.Finish(runId, "FAILED");
            }

            if (createdModel)
            {
                _client.Delete("registered-models/delete", new JsonObject { ["name"] = name });
            }
        }
        catch (Exception e) when (e is MlflowException or GatesInputException)
        {
            // The registration's own error says what went wrong; a cleanup the server refuses adds nothing to it.
        }
    }

    /// <summary>
    /// The local file of a version whose source is a folder (the run's model folder in the artifact store) or, as
    /// versions registered before 1.x recorded it, the file itself.
    /// </summary>
    private static string? LocalPath(ModelVersion record) =>
        MlflowArtifacts.LocalPath(record.Source) is not { } path ? null
        : Directory.Exists(path) ? Path.Combine(path, record.ArtifactFileName)
        : path;

    /// <summary>A value within MLflow's tag limit: cut with an ellipsis when longer.</summary>
    private static string Fit(string value) => value.Length <= TagLimit ? value : value[..(TagLimit - 1)] + "…";

    /// <summary>JSON within the tag limit: whole when it fits, else the items that fit.</summary>
    private static string FitJson<T>(IReadOnlyList<T> items)
    {
        for (var count = items.Count; count > 0; count--)
        {
            var text = JsonSerializer.Serialize(items.Take(count).ToList(), RegistryJson.Line);
            if (text.Length <= TagLimit)
            {
                return text;
            }
        }

        return "[]";
    }

    private static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (MlflowException e)
        {
            throw Translate(e);
        }
    }

    private static void Call(Action call)
    {
        try
        {
            call();
        }
        catch (MlflowException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>
    /// A version's file through the artifact proxy. A file missing there is a 500 from a real MLflow server (its
    /// artifact repository raises, mlflow/server/handlers.py, _download_artifact) and a 404 from some proxies: both
    /// mean the artifact is gone, not that the registry is down.
    /// </summary>
    private (string Sha256, long Size) DownloadArtifact(ModelVersion record, Stream destination)
    {
        try
        {
            return _artifacts.Download(record.Source, record.ArtifactFileName, destination);
        }
        catch (MlflowException e) when (e.Status is 404 or 500)
        {
            throw new GatesInputException(ErrorCodes.ArtifactChanged, $"{record.Name} version {record.Version}: its artifact {record.ArtifactFileName} is missing from the MLflow server's artifact store (HTTP {e.Status})", null, e);
        }
        catch (MlflowException e)
        {
            throw Translate(e);
        }
    }

    private static GatesInputException Translate(MlflowException e) => e.ErrorCode switch
    {
        "RESOURCE_DOES_NOT_EXIST" => new GatesInputException(ErrorCodes.NotInRegistry, $"MLflow: {e.Message} (RESOURCE_DOES_NOT_EXIST)", null, e),
        "INVALID_PARAMETER_VALUE" => new GatesInputException(ErrorCodes.InvalidValue, $"MLflow refused a value: {e.Message} (INVALID_PARAMETER_VALUE)", null, e),
        "RESOURCE_ALREADY_EXISTS" => new GatesInputException(ErrorCodes.InvalidValue, $"MLflow: {e.Message} (RESOURCE_ALREADY_EXISTS)", null, e),
        "PERMISSION_DENIED" or "UNAUTHENTICATED" or "HTTP_401" or "HTTP_403" => new GatesInputException(ErrorCodes.RegistryUnavailable, $"MLflow refused the credentials ({e.ErrorCode}); check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD", null, e),
        _ => new GatesInputException(ErrorCodes.RegistryUnavailable, $"MLflow error {e.ErrorCode}: {e.Message}", null, e),
    };
}
