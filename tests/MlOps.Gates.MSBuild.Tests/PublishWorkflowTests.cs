using MlOps.Gates.MSBuild.Tests.Runner;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// .github/workflows/publish.yml run as a runner runs it on a version tag, with a folder feed standing in for the
/// NuGet feed and a stand-in gh that records the release: both packages land on the feed, the tool installs from it,
/// and a tag that is not a version publishes nothing.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class PublishWorkflowTests(RepositoryCopy repository)
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_version_tag_packs_both_packages_pushes_them_to_the_configured_feed_and_attaches_them_to_the_release()
    {
        var root = Directory.CreateDirectory(Path.Combine(repository.Root.Path, "publish")).FullName;
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        var ghLog = Path.Combine(root, "gh.log");
        File.WriteAllText(Path.Combine(bin, "gh"), $"#!/usr/bin/env bash\necho \"$*\" >> '{ghLog}'\n[ \"$1 $2\" = \"release view\" ] && exit 1\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(bin, "gh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new SimulatedRunner(Path.Combine(root, "runner"), repository.Origin, repository.CacheStore);
        runner.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        runner.Environment["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(root, "packages")).FullName;
        runner.Environment["NUGET_FALLBACK_PACKAGES"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        runner.Settings["NUGET_FEED_URL"] = feed;
        runner.Settings["NUGET_API_KEY"] = "not-a-real-key";
        var workflow = Path.Combine(repository.Source, ".github", "workflows", "publish.yml");
        var version = "0.0.1-publish." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        repository.Tag("not-a-version");
        var refused = runner.Run(workflow, "publish", "not-a-version");
        repository.Tag("v" + version);
        var published = runner.Run(workflow, "publish", "v" + version);

        Assert.False(refused.Succeeded);
        Assert.Contains("::error::the tag must be v and a NuGet version", refused.Log, StringComparison.Ordinal);
        Assert.True(published.Succeeded, published.Log);
        Assert.Equal(
            [$"mlops.gates.{version}.nupkg", $"mlops.gates.tool.{version}.nupkg"],
            Directory.GetFiles(feed, "*.nupkg", SearchOption.AllDirectories).Select(f => Path.GetFileName(f).ToLowerInvariant()).Order(StringComparer.Ordinal));
        var release = File.ReadAllText(ghLog);
        Assert.Contains($"release create v{version} artifacts/publish/MlOps.Gates.{version}.nupkg artifacts/publish/MlOps.Gates.Tool.{version}.nupkg --verify-tag", release, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-key", published.Log, StringComparison.Ordinal);

        var tools = Path.Combine(root, "tools");
        var (installed, installOutput) = Dotnet.Run(root, runner.Environment, "tool", "install", "MlOps.Gates.Tool", "--version", version, "--tool-path", tools, "--add-source", feed);
        Assert.True(installed == 0, installOutput);
        var (shown, shownVersion) = Dotnet.RunProgram(Path.Combine(tools, "mlops-gates"), root, new Dictionary<string, string>(), "--version");
        Assert.Equal(0, shown);
        Assert.StartsWith(version, shownVersion.Trim(), StringComparison.Ordinal);
    }
}
