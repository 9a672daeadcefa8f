namespace MlOps.Gates.MSBuild.Tests.Runner;

/// <summary>
/// This repository's files as a runner gets them (tracked and new files, nothing ignored), with a version no NuGet
/// cache or feed has seen, committed in a git repository of its own and pushed to a bare origin beside it. The cache
/// store stands in for actions/cache across the tests that share it.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    public RepositoryCopy()
    {
        Root = new MlOps.Gates.Tests.TempDir();
        Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Source = Path.Combine(Root.Path, "source");
        Origin = Path.Combine(Root.Path, "origin.git");
        CacheStore = Directory.CreateDirectory(Path.Combine(Root.Path, "cache-store")).FullName;
        var repository = PackedPackage.FindRepositoryRoot();
        var (listed, files) = Git(repository, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (listed != 0)
        {
            throw new InvalidOperationException("git ls-files failed: " + files);
        }

        foreach (var file in files.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(repository, f))))
        {
            var target = Path.Combine(Source, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(repository, file), target);
        }

        var props = Path.Combine(Source, "Directory.Build.props");
        File.WriteAllText(props, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(props), "<VersionPrefix>.*?</VersionPrefix>", $"<VersionPrefix>{Version}</VersionPrefix>"));
        Must(Source, "init", "--quiet", "--initial-branch=main");
        Commit("the repository as the test found it");
        Must(Root.Path, "init", "--quiet", "--bare", Origin);
        Must(Source, "remote", "add", "origin", Origin);
        Must(Source, "push", "--quiet", "origin", "main");
    }

    public MlOps.Gates.Tests.TempDir Root { get; }

    /// <summary>The version the copy's Directory.Build.props says: what the action installs by default.</summary>
    public string Version { get; }

    public string Source { get; }

    public string Origin { get; }

    public string CacheStore { get; }

    public void Commit(string message)
    {
        Must(Source, "add", "--all");
        Must(Source, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "--allow-empty", "-m", message);
    }

    /// <summary>Commits what changed, tags it and pushes both, as a release manager's push of a tag would.</summary>
    public void Tag(string tag)
    {
        Commit("release " + tag);
        Must(Source, "tag", tag);
        Must(Source, "push", "--quiet", "origin", "main", tag);
    }

    public static (int Exit, string Output) Git(string directory, params string[] args) =>
        Dotnet.RunProgram("git", directory, new Dictionary<string, string>(), args);

    public static string Must(string directory, params string[] args)
    {
        var (exit, output) = Git(directory, args);
        return exit == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {output}");
    }

    public void Dispose() => Root.Dispose();
}
