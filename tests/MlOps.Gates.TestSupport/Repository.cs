namespace MlOps.Gates.Tests;

/// <summary>
/// The repository the tests were built from, found above the test binaries (a source path from the compiler is no
/// use: a CI build maps it to /_/ for deterministic output).
/// </summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlOps.Gates.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MlOps.Gates.sln) is not above the test binaries");
    }
}
