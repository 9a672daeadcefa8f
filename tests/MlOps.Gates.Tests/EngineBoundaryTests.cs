namespace MlOps.Gates.Tests;

/// <summary>
/// The engine reads no environment and writes to no console, and knows nothing of MSBuild or GitHub: the front ends
/// pass in what they read (<see cref="Surroundings"/>) and render what it returns.
/// </summary>
public sealed class EngineBoundaryTests
{
    [Theory]
    [InlineData("Environment.GetEnvironmentVariable")]
    [InlineData("Environment.UserName")]
    [InlineData("Console.")]
    [InlineData("Microsoft.Build")]
    [InlineData("Octokit")]
    public void The_engine_source_does_not_use(string what)
    {
        var engine = Path.Combine(FindRepositoryRoot(), "src", "MlOps.Gates");
        var offenders = Directory.GetFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(what, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(engine, f))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MlOps.Gates.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MlOps.Gates.sln not found");
    }
}
