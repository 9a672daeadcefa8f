using MlOps.Gates.Reporting;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// The stamp of the last passing run: its input hash, beside it the list of input files for MSBuild's own up-to-date
/// check, and the run's warnings, so a build that skips the gates can show them again. A failed run leaves no stamp, so
/// the next build shows its errors again.
/// </summary>
internal static class Stamps
{
    private const string FromLastRun = " (from the last run; inputs unchanged)";

    public static bool IsCurrent(string path, string hash, string reportDirectory, IReadOnlyList<string> formats) =>
        File.Exists(path)
        && File.ReadAllText(path).Trim() == hash
        && formats.All(f => File.Exists(Path.Combine(reportDirectory, TemplateNames.OutputFile(f))));

    public static void Write(string path, string hash, IReadOnlyList<string> inputs, IEnumerable<Finding> warnings, string baseDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path + ".inputs", string.Join('\n', inputs) + "\n");
        AtomicFile.WriteAllText(WarningsPath(path), string.Concat(warnings.Select(w => Line(w, baseDirectory) + "\n")));
        AtomicFile.WriteAllText(path, hash + "\n");
    }

    /// <summary>The last run's warnings as canonical lines with full paths, marked as replayed.</summary>
    public static IEnumerable<string> ReplayWarnings(string path) =>
        File.Exists(WarningsPath(path)) ? File.ReadAllLines(WarningsPath(path)).Where(l => l.Length > 0) : [];

    /// <summary>
    /// Tells the MSBuild targets that this run showed its findings itself; when MSBuild skips the run as up to date,
    /// the marker is missing and the targets replay the warnings file.
    /// </summary>
    public static void MarkShown(string path) => AtomicFile.WriteAllText(path + ".shown", string.Empty);

    public static void Clear(string path)
    {
        foreach (var file in new[] { path, WarningsPath(path) })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    private static string WarningsPath(string path) => path + ".warnings";

    /// <summary>
    /// MSBuild's canonical form with a full path, which the targets' Exec logs as a warning at its place (the Warning
    /// task takes no line or column).
    /// </summary>
    private static string Line(Finding warning, string baseDirectory)
    {
        var message = Clean(warning.Message + FromLastRun);
        if (warning.Location is not { File.Length: > 0 } at)
        {
            return $"mlops-gates : warning {warning.Code}: {message}";
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, at.File));
        return $"{at with { File = full }}: warning {warning.Code}: {message}";
    }

    private static string Clean(string text) => text.ReplaceLineEndings(" ");
}
