using System.Globalization;

namespace MlOps.Gates.Registry;

/// <summary>One difference between two versions: where (params, metrics, datasets, environment, git, artifact), what, before and after.</summary>
public sealed record VersionChange(string Section, string Key, string? Before, string? After);

/// <summary>What changed between two versions of a model: params, metrics, datasets (by hash), environment, commit and artifact.</summary>
public static class VersionDiff
{
    public static IReadOnlyList<VersionChange> Compare(ModelVersion before, ModelVersion after)
    {
        var changes = new List<VersionChange>();
        void Section(string section, IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
        {
            foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
            {
                var (x, y) = (a.GetValueOrDefault(key), b.GetValueOrDefault(key));
                if (x != y)
                {
                    changes.Add(new VersionChange(section, key, x, y));
                }
            }
        }

        static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Section("artifact", new Dictionary<string, string> { ["sha256"] = before.ArtifactSha256 }, new Dictionary<string, string> { ["sha256"] = after.ArtifactSha256 });
        Section("git", Git(before), Git(after));
        Section("params", before.Params, after.Params);
        Section("metrics", before.Metrics.ToDictionary(m => m.Key, m => Number(m.Value)), after.Metrics.ToDictionary(m => m.Key, m => Number(m.Value)));
        Section("datasets", before.Datasets.ToDictionary(d => d.Path, d => d.Sha256), after.Datasets.ToDictionary(d => d.Path, d => d.Sha256));
        Section("environment", before.Environment, after.Environment);
        return changes;
    }

    private static Dictionary<string, string> Git(ModelVersion version) => version.Git is { } git
        ? new Dictionary<string, string> { ["commit"] = git.Commit, ["dirty"] = git.Dirty ? "true" : "false" }
        : [];
}
