using System.IO.Hashing;
using System.Text;
using MlOps.Gates.Config;

namespace MlOps.Gates.Running;

/// <summary>
/// A hash of everything a run reads: the tool's version, the gates file, the options and every input file's bytes.
/// When it matches the stamp of the last passing run, the run can be skipped.
/// </summary>
public static class InputStamp
{
    public static string Compute(GatesConfig config, IEnumerable<string> options)
    {
        var hash = new XxHash128();
        Append(hash, GateRunner.ToolVersion);
        foreach (var option in options)
        {
            Append(hash, option);
        }

        foreach (var file in InputFiles(config))
        {
            Append(hash, file);
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                hash.Append(stream);
            }
        }

        return Convert.ToHexString(hash.GetCurrentHash());
    }

    /// <summary>The files a run reads: the gates file, suites, data, models and user templates.</summary>
    public static IReadOnlyList<string> InputFiles(GatesConfig config)
    {
        var files = new List<string>();
        if (config.Path is not null)
        {
            files.Add(config.Path);
        }

        files.AddRange(config.Gates.SelectMany(g => g.Inputs).Select(i => i.Path));
        // A registry baseline changes when its alias moves: the local registry's alias file stands for it.
        if (config.Registry is { Path: { } registryPath })
        {
            files.AddRange(config.Gates.OfType<EvaluateGate>()
                .Select(g => g.Baseline?.Registry)
                .OfType<(string Name, string Alias)>()
                .Select(r => Path.Combine(registryPath, "models", r.Name, "aliases.json")));
        }

        if (config.Reports.TemplatesDirectory is { } templates && Directory.Exists(templates))
        {
            files.AddRange(Directory.EnumerateFiles(templates).Order(StringComparer.Ordinal));
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Append(XxHash128 hash, string text)
    {
        hash.Append(Encoding.UTF8.GetBytes(text));
        hash.Append([0]);
    }
}
