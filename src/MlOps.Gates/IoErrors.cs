namespace MlOps.Gates;

/// <summary>Tells what went wrong with a file in words a user acts on: a full disk, a read-only file system, no permission.</summary>
public static class IoErrors
{
    // errno values: the runtime carries them in HResult for I/O errors on Unix.
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;
    private const int DiskFullWindows = unchecked((int)0x80070070);
    private const int HandleDiskFullWindows = unchecked((int)0x80070027);

    public static bool IsDiskFull(Exception e) => e is IOException { HResult: NoSpace or DiskFullWindows or HandleDiskFullWindows };

    public static bool IsReadOnly(Exception e) => e is IOException { HResult: ReadOnlyFileSystem };

    public static bool IsPermission(Exception e) => e is UnauthorizedAccessException;

    /// <summary>Whether the error is one of the environment's (disk, permissions) rather than a passing one such as a lock.</summary>
    public static bool IsEnvironment(Exception e) => IsDiskFull(e) || IsReadOnly(e) || IsPermission(e);

    public static string Describe(Exception e) => e switch
    {
        _ when IsDiskFull(e) => $"the disk is full ({e.Message})",
        _ when IsReadOnly(e) => $"the file system is read-only ({e.Message})",
        UnauthorizedAccessException => $"permission denied ({e.Message})",
        _ => e.Message,
    };
}
