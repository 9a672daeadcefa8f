namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// The MlOps.Gates and MlOps.Gates.Onnx packages packed once from this repository into a temporary feed, with a version no cache has
/// seen, restored into a temporary packages folder so no stale copy can be handed back.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        Root = new MlOps.Gates.Tests.TempDir();
        RepositoryRoot = FindRepositoryRoot();
        Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Feed = Path.Combine(Root.Path, "feed");
        Packages = Path.Combine(Root.Path, "packages");
        foreach (var project in new[] { "MlOps.Gates.MSBuild", "MlOps.Gates.Onnx" })
        {
            var (exit, output) = Dotnet.Run(RepositoryRoot, new Dictionary<string, string>(), "pack", Path.Combine(RepositoryRoot, "src", project), "-c", "Release", $"-p:Version={Version}", "-o", Feed, "--nologo");
            if (exit != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n" + output);
            }
        }
    }

    public MlOps.Gates.Tests.TempDir Root { get; }

    public string RepositoryRoot { get; }

    public string Version { get; }

    public string Feed { get; }

    public string Packages { get; }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    /// <summary>Copies a sample to a fresh folder with a nuget.config that adds the feed; packages already in the user's cache are reused.</summary>
    public string CopySample(string name)
    {
        var target = Path.Combine(Root.Path, "work", $"{name}-{Guid.NewGuid():N}");
        Copy(Path.Combine(RepositoryRoot, "samples", name), target);

        // A model a local build trained is not part of the sample: a clean clone has none.
        File.Delete(Path.Combine(target, "models", "churn-model.zip"));
        var fallback = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(target, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="test-feed" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{fallback}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return target;
    }

    public void Dispose() => Root.Dispose();

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or "artifacts"))
            {
                Copy(directory, Path.Combine(target, name));
            }
        }
    }

    internal static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MlOps.Gates.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MlOps.Gates.sln not found above " + AppContext.BaseDirectory);
    }
}
