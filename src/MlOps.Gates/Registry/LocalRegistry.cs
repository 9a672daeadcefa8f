using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MlOps.Gates.Registry;

/// <summary>
/// The embedded registry: a folder in the repository, on a CI cache or on a shared drive. Artifacts are stored once by
/// content hash; each model has its version records, the mutable parts beside them, its aliases and an append-only
/// audit log. Every file is written whole and renamed into place, and a lock per model serializes numbering, aliases
/// and the log across processes, so readers never see half a version and a killed writer leaves the registry usable.
/// </summary>
/// <remarks>
/// Layout: <c>artifacts/SHA256</c>; <c>models/NAME/versions/N.json</c> and <c>N.meta.json</c>;
/// <c>models/NAME/aliases.json</c>; <c>models/NAME/audit.jsonl</c>; <c>models/NAME/.lock</c>.
/// </remarks>
public sealed class LocalRegistry(string root, TimeProvider? time = null) : IModelRegistry
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StaleTemporary = TimeSpan.FromMinutes(10);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Root { get; } = Path.GetFullPath(root);

    public string Location => Root;

    public ModelVersion Register(string name, VersionDraft draft, ChangeInfo change)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            ArtifactFile.Require(draft.ArtifactPath);

            var (hash, size) = StoreArtifact(draft.ArtifactPath);
            using var _ = Lock(name);
            var versions = VersionNumbers(name);
            RecoverAudit(name, versions);
            var number = versions.Count == 0 ? 1 : versions.Max() + 1;
            var version = new ModelVersion
            {
                Name = name,
                Version = number,
                Created = _time.GetUtcNow(),
                ArtifactSha256 = hash,
                ArtifactSize = size,
                ArtifactFileName = Path.GetFileName(draft.ArtifactPath),
                Source = draft.Source ?? draft.ArtifactPath,
                Git = draft.Git,
                CiRunUrl = draft.CiRunUrl,
                RegisteredBy = draft.RegisteredBy ?? change.By,
                Params = draft.Params,
                Metrics = draft.Metrics,
                Datasets = draft.Datasets,
                Gates = draft.Gates,
                Tags = draft.Tags,
                Description = draft.Description,
                Environment = draft.Environment,
                Card = draft.Card is { IsEmpty: false } card ? card : null,
            };
            var path = VersionPath(name, number);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteNew(path, JsonSerializer.SerializeToUtf8Bytes(version, RegistryJson.Options));
            Append(name, new AuditEntry { Sequence = 0, At = version.Created, Action = "register", Model = name, Version = number, By = change.By, Reason = change.Reason, Commit = change.Commit ?? draft.Git?.Commit });
            return version;
        });
    }

    public IReadOnlyList<string> Models()
    {
        return Guard(() =>
        {
            var models = Path.Combine(Root, "models");
            return Directory.Exists(models)
                ? Directory.EnumerateDirectories(models).Select(Path.GetFileName).OfType<string>().Where(n => VersionNumbers(n).Count > 0).Order(StringComparer.Ordinal).ToList()
                : [];
        });
    }

    public IReadOnlyList<ModelVersion> Versions(string name)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            var aliases = Aliases(name);
            return VersionNumbers(name).Order().Select(n => Read(name, n, aliases)).ToList();
        });
    }

    public ModelVersion Get(string name, int version)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            if (!File.Exists(VersionPath(name, version)))
            {
                throw new GatesInputException(ErrorCodes.NotInRegistry, $"{name} has no version {version} in the registry {Root}");
            }

            return Read(name, version, Aliases(name));
        });
    }

    public ModelVersion? Resolve(string name, string alias)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            var aliases = Aliases(name);
            return aliases.TryGetValue(RegistryNames.Alias(alias), out var state) ? Read(name, state.Version, aliases) : null;
        });
    }

    public IReadOnlyDictionary<string, AliasState> Aliases(string name)
    {
        return Guard(() =>
        {
            var path = AliasesPath(name);
            if (!File.Exists(path))
            {
                return new Dictionary<string, AliasState>();
            }

            var aliases = Parse<Dictionary<string, AliasState>>(path, "the aliases file");
            foreach (var (alias, state) in aliases)
            {
                if (!Config.Names.IsValid(alias) || state is null || state.Version <= 0)
                {
                    throw new GatesInputException(ErrorCodes.RegistryCorrupt, $"{path}: the alias '{alias}' is not a valid entry (a name and a version number)");
                }
            }

            return aliases;
        });
    }

    public int? SetAlias(string name, string alias, int version, ChangeInfo change)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            alias = RegistryNames.Alias(alias);
            using var _ = Lock(name);
            Get(name, version);
            var aliases = new Dictionary<string, AliasState>(Aliases(name), StringComparer.Ordinal);
            int? previous = aliases.TryGetValue(alias, out var state) ? state.Version : null;
            var history = state?.Previous.ToList() ?? [];
            if (previous is { } p && p != version)
            {
                history.Add(p);
            }

            aliases[alias] = new AliasState(version, history);
            AtomicFile.WriteAllBytes(AliasesPath(name), JsonSerializer.SerializeToUtf8Bytes(aliases, RegistryJson.Options));
            Append(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "promote", Model = name, Version = version, Alias = alias, Previous = previous, By = change.By, Reason = change.Reason, Commit = change.Commit });
            return previous;
        });
    }

    public int Rollback(string name, string alias, ChangeInfo change)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            alias = RegistryNames.Alias(alias);
            using var _ = Lock(name);
            var aliases = new Dictionary<string, AliasState>(Aliases(name), StringComparer.Ordinal);
            if (!aliases.TryGetValue(alias, out var state) || state.Previous.Count == 0)
            {
                throw new GatesInputException(ErrorCodes.NothingToRollBack, $"{name}@{alias} has no previous version to roll back to");
            }

            var restored = state.Previous[^1];
            aliases[alias] = new AliasState(restored, state.Previous.Take(state.Previous.Count - 1).ToList());
            AtomicFile.WriteAllBytes(AliasesPath(name), JsonSerializer.SerializeToUtf8Bytes(aliases, RegistryJson.Options));
            Append(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "rollback", Model = name, Version = restored, Alias = alias, Previous = state.Version, By = change.By, Reason = change.Reason, Commit = change.Commit });
            return restored;
        });
    }

    public void SetTag(string name, int version, string key, string value, ChangeInfo change)
    {
        Guard(() =>
        {
            RegistryNames.Model(name);
            using var _ = Lock(name);
            var current = Get(name, version);
            var tags = new Dictionary<string, string>(current.Tags, StringComparer.Ordinal) { [key] = value };
            WriteMeta(name, version, new VersionMeta(tags, current.Description, current.Archived));
            Append(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "tag", Model = name, Version = version, Reason = $"{key}={value}", By = change.By, Commit = change.Commit });
        });
    }

    public void Archive(string name, int version, ChangeInfo change)
    {
        Guard(() =>
        {
            RegistryNames.Model(name);
            using var _ = Lock(name);
            var current = Get(name, version);
            var holders = current.Aliases.Where(a => a != "archived").ToList();
            if (holders.Count > 0)
            {
                throw new GatesInputException(ErrorCodes.PromotionRefused, $"{name} version {version} is still {string.Join(" and ", holders)}; promote another version there before archiving it");
            }

            WriteMeta(name, version, new VersionMeta(current.Tags, current.Description, Archived: true));
            Append(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "archive", Model = name, Version = version, By = change.By, Reason = change.Reason, Commit = change.Commit });
        });
    }

    public void Download(string name, int version, string destination)
    {
        Guard(() =>
        {
            var record = Get(name, version);
            var problem = Verify(name, version);
            if (problem is not null)
            {
                throw new GatesInputException(ErrorCodes.ArtifactChanged, problem);
            }

            var target = DownloadTarget.Resolve(destination, record.ArtifactFileName, VersionPath(name, version));
            AtomicFile.Copy(ArtifactPath(record.ArtifactSha256), target);
        });
    }

    public string? Verify(string name, int version)
    {
        return Guard(() =>
        {
            var record = Get(name, version);
            var path = ArtifactPath(record.ArtifactSha256);
            if (!File.Exists(path))
            {
                return $"{name} version {version}: its artifact {record.ArtifactSha256} is missing from {Root}";
            }

            var (hash, size) = FileHash.Sha256(path);
            return hash == record.ArtifactSha256 && size == record.ArtifactSize
                ? null
                : $"{name} version {version}: its artifact changed on disk (SHA-256 {hash}, {size} bytes; registered {record.ArtifactSha256}, {record.ArtifactSize} bytes)";
        });
    }

    public IReadOnlyList<AuditEntry> Audit(string name)
    {
        return Guard(() =>
        {
            RegistryNames.Model(name);
            var path = AuditPath(name);
            if (!File.Exists(path))
            {
                return [];
            }

            var entries = new List<AuditEntry>();
            foreach (var line in File.ReadLines(path))
            {
                // A writer killed mid-line leaves a fragment the next writer ends; it is not an entry.
                if (line.Length == 0 || line[^1] != '}')
                {
                    continue;
                }

                try
                {
                    if (JsonSerializer.Deserialize<AuditEntry>(line, RegistryJson.Line) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                }
            }

            return entries;
        });
    }

    /// <summary>
    /// A writer killed between writing a version and logging it leaves a version the log does not name; the next
    /// writer logs it, so the log stays complete. Called under the model's lock.
    /// </summary>
    private void RecoverAudit(string name, List<int> versions)
    {
        var logged = Audit(name).Where(e => e.Action == "register" && e.Version is not null).Select(e => e.Version!.Value).ToHashSet();
        foreach (var missing in versions.Where(v => !logged.Contains(v)).Order())
        {
            var record = Read(name, missing, new Dictionary<string, AliasState>());
            Append(name, new AuditEntry { Sequence = 0, At = _time.GetUtcNow(), Action = "register", Model = name, Version = missing, By = record.RegisteredBy, Reason = "recovered: registered by a process that stopped before logging it", Commit = record.Git?.Commit });
        }
    }

    private ModelVersion Read(string name, int version, IReadOnlyDictionary<string, AliasState> aliases)
    {
        var path = VersionPath(name, version);
        if (!File.Exists(path))
        {
            var holders = aliases.Where(a => a.Value.Version == version).Select(a => a.Key).ToList();
            throw new GatesInputException(ErrorCodes.RegistryCorrupt, holders.Count > 0
                ? $"{AliasesPath(name)}: the alias '{holders[0]}' points at version {version}, which is not in the registry ({path} is missing)"
                : $"{path} is missing");
        }

        var record = Parse<ModelVersion>(path, "the version record");
        if (record.Name != name || record.Version != version || !IsSha256(record.ArtifactSha256) || !DownloadTarget.IsPlainFileName(record.ArtifactFileName))
        {
            throw new GatesInputException(ErrorCodes.RegistryCorrupt, $"{path}: the version record does not describe {name} version {version} with a SHA-256 and a plain file name; it was changed by hand or by another tool");
        }

        var metaPath = MetaPath(name, version);
        if (File.Exists(metaPath) && Parse<VersionMeta>(metaPath, "the version's tags and description") is { } meta)
        {
            record = record with { Tags = meta.Tags, Description = meta.Description, Archived = meta.Archived };
        }

        return record with { Aliases = aliases.Where(a => a.Value.Version == version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList() };
    }

    /// <summary>A registry file read as untrusted input: anything but the expected JSON is a positioned error naming the file.</summary>
    private static T Parse<T>(string path, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), RegistryJson.Options)
                ?? throw new GatesInputException(ErrorCodes.RegistryCorrupt, $"{path}: {what} is empty (null)", new Results.SourceLocation(path, 1, 1));
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new GatesInputException(ErrorCodes.RegistryCorrupt, $"{path}: {what} is not valid: {e.Message}", new Results.SourceLocation(path, line, column), e);
        }
    }

    private static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private void WriteMeta(string name, int version, VersionMeta meta) =>
        AtomicFile.WriteAllBytes(MetaPath(name, version), JsonSerializer.SerializeToUtf8Bytes(meta, RegistryJson.Options));

    /// <summary>Appends an entry with the next sequence number; called under the model's lock.</summary>
    private void Append(string name, AuditEntry entry)
    {
        var path = AuditPath(name);
        var entries = Audit(name);
        var last = entries.Count > 0 ? entries[^1].Sequence : 0;
        var line = JsonSerializer.Serialize(entry with { Sequence = last + 1 }, RegistryJson.Line);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var prefix = stream.Length > 0 && !EndsWithNewline(path) ? "\n" : string.Empty;
        stream.Write(Encoding.UTF8.GetBytes(prefix + line + "\n"));
        stream.Flush(flushToDisk: true);
    }

    private static bool EndsWithNewline(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    /// <summary>Copies the artifact into the store under its hash, once; content-addressed, so no lock is needed.</summary>
    private (string Hash, long Size) StoreArtifact(string source)
    {
        var directory = Path.Combine(Root, "artifacts");
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(directory);
        var temporary = Path.Combine(directory, $".incoming.{Guid.NewGuid():N}.tmp");
        try
        {
            string hash;
            long size;
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hashing = new HashingStream(output))
            {
                input.CopyTo(hashing, 1 << 16);
                output.Flush(flushToDisk: true);
                hash = hashing.Sha256();
                size = hashing.Length;
            }

            var target = ArtifactPath(hash);
            if (!File.Exists(target))
            {
                File.Move(temporary, target, overwrite: true);
            }

            return (hash, size);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// A writer killed mid-copy leaves its temporary file behind; one no one has written to for a while is such a
    /// leftover (a live copy writes to it constantly), and the next writer removes it.
    /// </summary>
    private void RemoveStaleTemporaries(string directory)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var stale in Directory.EnumerateFiles(directory, ".incoming.*.tmp"))
        {
            try
            {
                if (now - File.GetLastWriteTimeUtc(stale) > StaleTemporary)
                {
                    File.Delete(stale);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// Turns the environment's refusals (a read-only disk, no permission, a full disk) into one clear error at once,
    /// instead of a wait on a lock that no one holds or an internal error.
    /// </summary>
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && IoErrors.IsEnvironment(e)))
        {
            throw new GatesInputException(ErrorCodes.RegistryNotWritable, $"the registry at {Root} cannot be used: {IoErrors.Describe(e)}", null, e);
        }
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });

    private List<int> VersionNumbers(string name)
    {
        var directory = Path.Combine(ModelDirectory(name), "versions");
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .ToList();
    }

    private RegistryLock Lock(string name) => RegistryLock.Acquire(Path.Combine(ModelDirectory(name), ".lock"), LockTimeout);

    private string ModelDirectory(string name) => Path.Combine(Root, "models", name);

    private string VersionPath(string name, int version) => Path.Combine(ModelDirectory(name), "versions", version.ToString(CultureInfo.InvariantCulture) + ".json");

    private string MetaPath(string name, int version) => Path.Combine(ModelDirectory(name), "versions", version.ToString(CultureInfo.InvariantCulture) + ".meta.json");

    private string AliasesPath(string name) => Path.Combine(ModelDirectory(name), "aliases.json");

    private string AuditPath(string name) => Path.Combine(ModelDirectory(name), "audit.jsonl");

    private string ArtifactPath(string hash) => Path.Combine(Root, "artifacts", hash);
}
