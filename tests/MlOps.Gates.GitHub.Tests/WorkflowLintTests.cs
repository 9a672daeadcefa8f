using System.Diagnostics;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// action.yml and every workflow pass a real validator, @action-validator/cli from the npm registry, which .ci/run
/// installs into .ci/tools (MLOPS_GATES_ACTION_VALIDATOR names it; MLOPS_GATES_SKIP_ACTION_VALIDATOR=1 skips this).
/// </summary>
public sealed class WorkflowLintTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Files()
    {
        var root = RepositoryRoot();
        var files = new TheoryData<string> { "action.yml" };
        foreach (var folder in new[] { "samples/workflows", ".github/workflows" }.Where(f => Directory.Exists(Path.Combine(root, f))))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.yml").Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Passes_action_validator(string file)
    {
        if (Environment.GetEnvironmentVariable("MLOPS_GATES_SKIP_ACTION_VALIDATOR") == "1")
        {
            return;
        }

        var (exit, output) = Validate(Path.Combine(RepositoryRoot(), file));

        Assert.True(exit == 0, $"{file}: {output}");
    }

    [Fact]
    public void The_validator_rejects_a_composite_step_without_a_shell()
    {
        if (Environment.GetEnvironmentVariable("MLOPS_GATES_SKIP_ACTION_VALIDATOR") == "1")
        {
            return;
        }

        var broken = _dir.Write("action.yml", File.ReadAllText(Path.Combine(RepositoryRoot(), "action.yml")).Replace("      shell: bash\n", string.Empty, StringComparison.Ordinal));

        var (exit, _) = Validate(broken);

        Assert.NotEqual(0, exit);
    }

    private static (int Exit, string Output) Validate(string path)
    {
        var validator = Environment.GetEnvironmentVariable("MLOPS_GATES_ACTION_VALIDATOR") is { Length: > 0 } named
            ? named
            : Path.Combine(RepositoryRoot(), ".ci", "tools", "node_modules", ".bin", "action-validator");
        Assert.True(File.Exists(validator), $"action-validator is not installed at {validator}: .ci/run installs it (npm install --prefix .ci/tools @action-validator/cli); set MLOPS_GATES_SKIP_ACTION_VALIDATOR=1 to skip this test");
        var start = new ProcessStartInfo(validator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string RepositoryRoot() => MlOps.Gates.Tests.Repository.Root;
}
