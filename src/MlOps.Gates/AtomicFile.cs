using System.Text;

namespace MlOps.Gates;

/// <summary>Writes a file so that readers see the old content or the new, never a part: write beside it, flush, rename.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes a file that must not exist yet: the rename fails rather than replace one another writer made.</summary>
    public static void WriteNew(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes), overwrite: false);

    /// <summary>Copies a file, streaming, so a large artifact is never held in memory.</summary>
    public static void Copy(string source, string path) => Write(path, stream =>
    {
        using var input = File.OpenRead(source);
        input.CopyTo(stream);
    });

    /// <summary>A new temporary name beside a file: hidden, unique, and recognisable as ours by its name.</summary>
    public static string TemporaryFor(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Writes whatever <paramref name="write"/> puts in the stream; if it throws, the file is left as it was.</summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
