using System.Text.Json;
using MlOps.Gates.MSBuild.Tests.Runner;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// samples/workflows/release.yml and rollback.yml run job by job as a runner runs them, against a bare origin that
/// stands in for the repository: two releases in a row and a rollback, with the registry kept on its branch between
/// jobs and runs, as the workflows keep it.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class ReleaseWorkflowTests(RepositoryCopy repository)
{
    [Fact]
    public void Two_releases_in_a_row_promote_through_staging_to_production_and_a_rollback_moves_production_back()
    {
        var runner = new SimulatedRunner(Path.Combine(repository.Root.Path, "release-runner"), repository.Origin, repository.CacheStore);
        runner.Environment["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(repository.Root.Path, "release-packages")).FullName;
        runner.Environment["NUGET_FALLBACK_PACKAGES"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var release = Path.Combine(repository.Source, "samples", "workflows", "release.yml");
        var rollback = Path.Combine(repository.Source, "samples", "workflows", "rollback.yml");

        repository.Tag("model-v1");
        var staging1 = runner.Run(release, "staging", "model-v1");
        Assert.True(staging1.Succeeded, staging1.Log);
        Assert.StartsWith("passed", staging1.Outputs["status"], StringComparison.Ordinal);
        Assert.Equal("1", staging1.Outputs["model-version"]);
        Assert.Contains("registry: no branch mlops-registry yet", staging1.Log, StringComparison.Ordinal);
        var production1 = runner.Run(release, "production", "model-v1", Needs(staging1));
        Assert.True(production1.Succeeded, production1.Log);
        Assert.Contains("no version in production yet: nothing to compare with", production1.Log, StringComparison.Ordinal);
        Assert.Equal((1, 1), Aliases());

        // The second release trains on fewer rows: a different model, so a new version.
        var project = Path.Combine(repository.Source, "samples", "Churn", "Churn.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<MlOpsGatesDependsOn>", "<ChurnTrainingRows>500</ChurnTrainingRows>\n    <MlOpsGatesDependsOn>", StringComparison.Ordinal));
        repository.Tag("model-v2");
        var staging2 = runner.Run(release, "staging", "model-v2");
        Assert.True(staging2.Succeeded, staging2.Log);
        Assert.Contains("registry: samples/Churn/.mlops-registry holds mlops-registry at", staging2.Log, StringComparison.Ordinal);
        Assert.Equal("2", staging2.Outputs["model-version"]);
        Assert.Equal((2, 1), Aliases());
        var production2 = runner.Run(release, "production", "model-v2", Needs(staging2));
        Assert.True(production2.Succeeded, production2.Log);
        Assert.Contains("promoted churn version 2 to production", production2.Log, StringComparison.Ordinal);
        Assert.Matches(@"compared evaluate with its baseline on unlabelled rows: agreement [01]\.?\d* \(\d+ of 300\)", production2.Log);
        Assert.Equal((2, 2), Aliases());

        var rolledBack = runner.Run(rollback, "rollback", "main", inputs: new Dictionary<string, string> { ["alias"] = "production", ["reason"] = "v2 misbehaves" });
        Assert.True(rolledBack.Succeeded, rolledBack.Log);
        Assert.Equal((2, 1), Aliases());
        var audit = Show("models/churn/audit.jsonl");
        Assert.Contains("v2 misbehaves", audit, StringComparison.Ordinal);
        Assert.Contains("approved release model-v2", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(".lock", RepositoryCopy.Must(repository.Root.Path, "--git-dir", repository.Origin, "ls-tree", "-r", "--name-only", "mlops-registry"), StringComparison.Ordinal);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Needs(JobRun staging) => new() { ["staging"] = staging.Outputs };

    private (int Staging, int Production) Aliases()
    {
        var (exit, text) = RepositoryCopy.Git(repository.Root.Path, "--git-dir", repository.Origin, "show", "mlops-registry:models/churn/aliases.json");
        if (exit != 0)
        {
            return (-1, -1);
        }

        using var aliases = JsonDocument.Parse(text);
        if (!aliases.RootElement.TryGetProperty("staging", out _) || !aliases.RootElement.TryGetProperty("production", out _))
        {
            throw new InvalidOperationException("aliases.json: " + text);
        }

        int Version(string alias) => aliases.RootElement.GetProperty(alias).ValueKind == JsonValueKind.Number
            ? aliases.RootElement.GetProperty(alias).GetInt32()
            : aliases.RootElement.GetProperty(alias).GetProperty("version").GetInt32();
        return (Version("staging"), Version("production"));
    }

    private string Show(string path) => RepositoryCopy.Must(repository.Root.Path, "--git-dir", repository.Origin, "show", "mlops-registry:" + path);
}
