using System.Text;

namespace MlOps.Gates;

/// <summary>
/// Replaces several files in one folder as a set: all are written to temporary files beside their places and flushed,
/// then moved in. If any write fails, none is moved and the folder keeps its previous files.
/// </summary>
public static class FileSet
{
    /// <summary>Temporary files older than this are left from a killed run and are removed by the next writer.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> Replace(string directory, IReadOnlyList<(string Name, string Text)> files, string what)
    {
        var written = new List<(string Temporary, string Path)>();
        try
        {
            if (File.Exists(directory))
            {
                throw new IOException($"'{directory}' is a file, not a folder");
            }

            Directory.CreateDirectory(directory);
            RemoveStale(directory, files.Select(f => f.Name));
            foreach (var (name, text) in files)
            {
                var path = Path.Combine(directory, name);
                var temporary = AtomicFile.TemporaryFor(path);
                written.Add((temporary, path));
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(written.Select(w => w.Temporary));
            throw new GatesInputException(ErrorCodes.ReportWrite, $"cannot write {what} to {directory}: {IoErrors.Describe(e)}; the {what} already there were left as they were");
        }

        try
        {
            foreach (var (temporary, path) in written)
            {
                File.Move(temporary, path, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(written.Select(w => w.Temporary));
            throw new GatesInputException(ErrorCodes.ReportWrite, $"cannot move {what} into {directory}: {IoErrors.Describe(e)}; the folder may now hold {what} of two runs");
        }

        return written.Select(w => w.Path).ToList();
    }

    private static void RemoveStale(string directory, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            foreach (var stale in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
            {
                try
                {
                    if (DateTime.UtcNow - File.GetLastWriteTimeUtc(stale) > StaleAfter)
                    {
                        File.Delete(stale);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
