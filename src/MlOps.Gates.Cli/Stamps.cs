using MlOps.Gates.Reporting;

namespace MlOps.Gates.Cli;

/// <summary>
/// The stamp of the last passing run: its input hash, and beside it the list of input files for MSBuild's own
/// up-to-date check. A failed run leaves no stamp, so the next build shows its errors again.
/// </summary>
internal static class Stamps
{
    public static bool IsCurrent(string path, string hash, string reportDirectory, IReadOnlyList<string> formats) =>
        File.Exists(path)
        && File.ReadAllText(path).Trim() == hash
        && formats.All(f => File.Exists(Path.Combine(reportDirectory, TemplateNames.OutputFile(f))));

    public static void Write(string path, string hash, IReadOnlyList<string> inputs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path + ".inputs", string.Join('\n', inputs) + "\n");
        AtomicFile.WriteAllText(path, hash + "\n");
    }

    public static void Clear(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
