using System.Diagnostics;

namespace MlOps.Gates.Tests;

/// <summary>
/// A real file system mounted for one test: a tiny tmpfs that fills up, or a read-only one. Needs root, as CI and this
/// repository's machines run; elsewhere the test says why it cannot run instead of passing.
/// </summary>
public sealed class Mount : IDisposable
{
    private Mount(string path) => Path = path;

    public string Path { get; }

    /// <summary>A tmpfs of <paramref name="kilobytes"/> KiB at a new folder.</summary>
    public static Mount Small(int kilobytes)
    {
        var path = NewFolder();
        Exec("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        return new Mount(path);
    }

    /// <summary>A tmpfs holding what <paramref name="fill"/> writes, then made read-only.</summary>
    public static Mount ReadOnly(Action<string> fill)
    {
        var mount = Small(64 * 1024);
        fill(mount.Path);
        Exec("mount", "-o", "remount,ro", mount.Path);
        return mount;
    }

    public void Dispose()
    {
        Exec("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static string NewFolder()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlops-gates-mounts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void Exec(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"this test needs to mount a file system (as root): {file} {string.Join(' ', args)} failed: {error.Trim()}");
        }
    }
}
