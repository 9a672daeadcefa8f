namespace MlOps.Gates.Registry;

/// <summary>
/// A model registry: numbered versions of named models, aliases that point at versions, tags, and an audit trail.
/// The local folder registry and MLflow's registry both implement it; promotion policy sits above it.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Where the registry is, as shown to the user.</summary>
    string Location { get; }

    ModelVersion Register(string name, VersionDraft draft, ChangeInfo change);

    IReadOnlyList<string> Models();

    IReadOnlyList<ModelVersion> Versions(string name);

    ModelVersion Get(string name, int version);

    /// <summary>The version an alias points at; null when the alias is not set.</summary>
    ModelVersion? Resolve(string name, string alias);

    IReadOnlyDictionary<string, AliasState> Aliases(string name);

    /// <summary>Points an alias at a version and remembers the previous holder; returns it.</summary>
    int? SetAlias(string name, string alias, int version, ChangeInfo change);

    /// <summary>Points an alias back at its previous holder; returns the version it now points at.</summary>
    int Rollback(string name, string alias, ChangeInfo change);

    void SetTag(string name, int version, string key, string value, ChangeInfo change);

    void Archive(string name, int version, ChangeInfo change);

    /// <summary>Copies a version's artifact to a file.</summary>
    void Download(string name, int version, string destination);

    /// <summary>Re-hashes a version's artifact: null when it is intact, else what is wrong.</summary>
    string? Verify(string name, int version);

    IReadOnlyList<AuditEntry> Audit(string name);
}
