using MlOps.Gates.MSBuild.Tests.Runner;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// samples/workflows/pull-request.yml and monitor.yml run job by job on the stand-in runner, as they would in this
/// repository: the pull-request job packs the package, trains the model and gates the sample through the action;
/// the nightly job installs the tool through the action and monitors the logs.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class SampleWorkflowRunTests(RepositoryCopy repository)
{
    private SimulatedRunner Runner(string name)
    {
        var runner = new SimulatedRunner(Path.Combine(repository.Root.Path, name), repository.Origin, repository.CacheStore);
        runner.Environment["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(repository.Root.Path, name + "-packages")).FullName;
        runner.Environment["NUGET_FALLBACK_PACKAGES"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return runner;
    }

    [Fact]
    public void The_pull_request_workflow_gates_the_sample_and_keeps_the_reports()
    {
        var runner = Runner("pull-request-runner");

        var job = runner.Run(Path.Combine(repository.Source, "samples", "workflows", "pull-request.yml"), "gates", "main");

        Assert.True(job.Succeeded, job.Log);
        Assert.Contains("mlops-gates: passed", job.Log, StringComparison.Ordinal);
        Assert.Contains("MlOps.Gates", job.Summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(runner.Artifacts, "mlops-gates-reports", "report.html")), job.Log);
    }

    [Fact]
    public void The_monitor_workflow_installs_the_tool_through_the_action_and_writes_the_metrics()
    {
        var runner = Runner("monitor-runner");
        var workflow = Path.Combine(repository.Source, "samples", "workflows", "monitor.yml");

        var first = runner.Run(workflow, "monitor", "main");
        var second = runner.Run(workflow, "monitor", "main");

        Assert.True(first.Succeeded, first.Log);
        Assert.Contains("mlops_gates.prom", first.Log, StringComparison.Ordinal);
        Assert.Contains("cache: saved mlops-gates-monitor-", first.Log, StringComparison.Ordinal);
        Assert.True(second.Succeeded, second.Log);
        Assert.Contains("cache: restored mlops-gates-monitor-", second.Log, StringComparison.Ordinal);
    }
}
