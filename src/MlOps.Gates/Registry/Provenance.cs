using System.Diagnostics;

namespace MlOps.Gates.Registry;

/// <summary>
/// Where a registration or promotion comes from: the git commit, branch and dirty tree, the CI run, the person or bot,
/// from the surroundings the front end read.
/// </summary>
public sealed class Provenance(Surroundings surroundings)
{
    public GitInfo? Git(string directory)
    {
        var commit = RunGit(directory, "rev-parse", "HEAD");
        if (commit is null)
        {
            return null;
        }

        var branch = surroundings.Get("GITHUB_HEAD_REF") ?? surroundings.Get("GITHUB_REF_NAME") ?? RunGit(directory, "rev-parse", "--abbrev-ref", "HEAD");
        var status = RunGit(directory, "status", "--porcelain", "--untracked-files=no");
        return new GitInfo(commit, branch == "HEAD" ? null : branch, status is { Length: > 0 });
    }

    /// <summary>The URL of the CI run, from GitHub Actions' or Azure Pipelines' variables; null elsewhere.</summary>
    public string? CiRunUrl()
    {
        string? Env(string name) => surroundings.Get(name);
        if (Env("GITHUB_RUN_ID") is { } run && Env("GITHUB_REPOSITORY") is { } repository)
        {
            return $"{Env("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}/actions/runs/{run}";
        }

        if (Env("SYSTEM_COLLECTIONURI") is { } collection && Env("SYSTEM_TEAMPROJECT") is { } project && Env("BUILD_BUILDID") is { } build)
        {
            return $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={build}";
        }

        return null;
    }

    /// <summary>Who acts: the CI actor where there is one, else the user.</summary>
    public string? Actor() => surroundings.Get("GITHUB_ACTOR") ?? surroundings.Get("BUILD_REQUESTEDFOR") ?? surroundings.UserName;

    private static string? RunGit(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
