using System.Security.Cryptography;

namespace MlOps.Gates;

/// <summary>The one fingerprint of a file the tool records: SHA-256 in lower-case hex, with the size read.</summary>
public static class FileHash
{
    public static (string Hash, long Size) Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return (Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant(), stream.Length);
    }
}
