using System.Text;

namespace MlOps.Gates;

/// <summary>Writes a file so that readers see the old content or the new, never a part: write beside it, flush, rename.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, overwrite: true);

    /// <summary>Writes a file that must not exist yet: the rename fails rather than replace one another writer made.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, overwrite: false);

    private static void Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
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
