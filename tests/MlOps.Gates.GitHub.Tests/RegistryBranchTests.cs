using System.Diagnostics;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// samples/workflows/registry-branch.sh against a bare origin: a registry stored by one job is what the next fetches,
/// lock and temporary files stay out, and a job whose copy is stale is refused instead of overwriting the newer one.
/// </summary>
public sealed class RegistryBranchTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_stale_copy_cannot_overwrite_the_registry_and_an_unchanged_one_pushes_nothing()
    {
        var origin = Path.Combine(_dir.Path, "origin.git");
        Must(_dir.Path, "git", "init", "--quiet", "--bare", "--initial-branch=main", origin);
        var seed = Directory.CreateDirectory(Path.Combine(_dir.Path, "seed")).FullName;
        Must(seed, "git", "init", "--quiet", "--initial-branch=main");
        File.WriteAllText(Path.Combine(seed, "README"), "x");
        Must(seed, "git", "add", "--all");
        Must(seed, "git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "seed");
        Must(seed, "git", "push", "--quiet", origin, "main");
        var first = Clone(origin, "first");
        var second = Clone(origin, "second");

        var fetchedFirst = Script(first, "fetch", "reg");
        var fetchedSecond = Script(second, "fetch", "reg");
        Directory.CreateDirectory(Path.Combine(first, "reg", "models", "churn"));
        File.WriteAllText(Path.Combine(first, "reg", "models", "churn", "aliases.json"), "{\"staging\": 1}");
        File.WriteAllText(Path.Combine(first, "reg", "models", "churn", ".lock"), string.Empty);
        File.WriteAllText(Path.Combine(first, "reg", "models", "churn", ".incoming.1.tmp"), "partial");
        var storedFirst = Script(first, "store", "reg", "first");
        Directory.CreateDirectory(Path.Combine(second, "reg", "models", "churn"));
        File.WriteAllText(Path.Combine(second, "reg", "models", "churn", "aliases.json"), "{\"staging\": 7}");
        var storedSecond = Script(second, "store", "reg", "second, from a stale copy");
        var third = Clone(origin, "third");
        var fetchedThird = Script(third, "fetch", "reg");
        var unchanged = Script(third, "store", "reg", "nothing");

        Assert.True(fetchedFirst.Exit == 0, fetchedFirst.Output);
        Assert.Contains("no branch mlops-registry yet", fetchedSecond.Output, StringComparison.Ordinal);
        Assert.True(storedFirst.Exit == 0, storedFirst.Output);
        Assert.NotEqual(0, storedSecond.Exit);
        Assert.Contains("holds mlops-registry at", fetchedThird.Output, StringComparison.Ordinal);
        Assert.Equal("{\"staging\": 1}", File.ReadAllText(Path.Combine(third, "reg", "models", "churn", "aliases.json")));
        Assert.Equal(["models/churn/aliases.json"], Must(third, "git", "-C", "reg", "ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(unchanged.Exit == 0, unchanged.Output);
        Assert.Contains("registry: unchanged", unchanged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_refused()
    {
        var (exit, output) = Run(_dir.Path, "bash", ScriptPath(), "push", "reg");

        Assert.Equal(2, exit);
        Assert.Contains("unknown command 'push'", output, StringComparison.Ordinal);
    }

    private string Clone(string origin, string name)
    {
        var path = Path.Combine(_dir.Path, name);
        Must(_dir.Path, "git", "clone", "--quiet", origin, path);
        return path;
    }

    private static (int Exit, string Output) Script(string directory, params string[] args) =>
        Run(directory, "bash", [ScriptPath(), .. args]);

    private static string ScriptPath() => Path.Combine(AppContext.BaseDirectory, "workflows", "registry-branch.sh");

    private static string Must(string directory, string program, params string[] args)
    {
        var (exit, output) = Run(directory, program, args);
        return exit == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {output}");
    }

    private static (int Exit, string Output) Run(string directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
