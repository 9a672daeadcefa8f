using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Registry;

/// <summary>
/// Builds what a version records from the run that gated it: each gate's status and datasets, the candidate's metrics
/// from the evaluate gates, the SHA-256 of every dataset the gates read (their results name them) (and DVC's md5 where a .dvc file describes
/// it), the commit and the CI run.
/// </summary>
public static class RegistrationBuilder
{
    /// <summary>The draft of a version from a run's results; <paramref name="git"/> when the caller already read it.</summary>
    public static VersionDraft FromRun(RunResult run, GatesConfig config, string artifactPath, GitInfo? git = null)
    {
        var summaries = new List<GateSummary>();
        var datasets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var gate in run.Gates)
        {
            var used = gate.Inputs.Where(i => i.IsDataset).ToList();
            foreach (var input in used)
            {
                datasets[input.DisplayPath] = input.Path;
            }

            summaries.Add(new GateSummary(gate.Name, gate.Type, gate.Status, used.Select(u => u.DisplayPath).ToList(), gate.Checks.Count, gate.FailedChecks, gate.WarningChecks));
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var gate in run.Gates.Where(g => g.Evaluation is not null))
        {
            foreach (var row in gate.Evaluation!.Metrics.Where(m => double.IsFinite(m.Value)))
            {
                metrics[run.Gates.Count(g => g.Evaluation is not null) == 1 ? row.Name : $"{gate.Name}.{row.Name}"] = row.Value;
            }
        }

        return new VersionDraft
        {
            ArtifactPath = artifactPath,
            Source = DisplayPaths.Relative(config.BaseDirectory, artifactPath),
            Git = git ?? new Provenance(config.Surroundings).Git(config.BaseDirectory),
            CiRunUrl = new Provenance(config.Surroundings).CiRunUrl(),
            RegisteredBy = new Provenance(config.Surroundings).Actor(),
            Metrics = metrics,
            Datasets = datasets.Where(d => File.Exists(d.Value)).Select(d => Fingerprint(d.Key, d.Value)).ToList(),
            Gates = summaries,
            Environment = ReproducibilityRecord.Capture(config.BaseDirectory),
            Card = Cards.CardFacts.FromRun(run) is { IsEmpty: false } card ? card : null,
        };
    }

    public static DatasetFingerprint Fingerprint(string display, string path)
    {
        var (hash, size) = FileHash.Sha256(path);
        return new DatasetFingerprint(display, hash, size, DvcMd5(path));
    }

    /// <summary>The md5 a DVC file beside the dataset records for it (<c>data.csv.dvc</c>: <c>outs: - md5: ...</c>).</summary>
    public static string? DvcMd5(string path)
    {
        var dvc = path + ".dvc";
        if (!File.Exists(dvc))
        {
            return null;
        }

        foreach (var line in File.ReadLines(dvc))
        {
            var trimmed = line.Trim().TrimStart('-').Trim();
            if (trimmed.StartsWith("md5:", StringComparison.Ordinal))
            {
                return trimmed["md5:".Length..].Trim().Trim('\'', '"');
            }
        }

        return null;
    }
}
