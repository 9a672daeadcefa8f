namespace MlOps.Gates.Registry;

/// <summary>
/// A cross-process lock on a file: opened with no sharing, which .NET turns into an exclusive advisory lock on Unix
/// and a share-mode lock on Windows. The system drops it when the holder dies, so a killed process never leaves a
/// registry locked.
/// </summary>
internal sealed class RegistryLock : IDisposable
{
    private readonly FileStream _stream;

    private RegistryLock(FileStream stream) => _stream = stream;

    public static RegistryLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        var random = new Random();
        while (true)
        {
            try
            {
                return new RegistryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException e) when (IoErrors.IsEnvironment(e))
            {
                // A read-only or full disk is not a lock someone holds: waiting would not help.
                throw;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(random.Next(2, 15));
            }
            catch (IOException e)
            {
                throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the registry lock {path} is held by another process for more than {timeout.TotalSeconds:0} s", null, e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
