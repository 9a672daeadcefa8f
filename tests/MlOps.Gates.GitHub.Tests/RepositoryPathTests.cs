using System.Diagnostics;
using System.Text;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// A repository with its gates file in a subfolder, the CLI run as its own process from the root and from the
/// subfolder: annotations name files relative to the checkout (GITHUB_WORKSPACE, BUILD_SOURCESDIRECTORY), as GitHub and
/// Azure need to attach them, and every command that judges data reports in CI mode the same way.
/// </summary>
public sealed class RepositoryPathTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeGitHubServer _server = new();

    public RepositoryPathTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        _dir.Write("repo/ml/churn/data.csv", "tenure,plan\n3,basic\n-7,basic\n5,pro\n");
        _dir.Write("repo/ml/churn/reference.csv", "tenure,plan\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i % 10},basic\n")));
        _dir.Write("repo/ml/churn/current.csv", "tenure,plan\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{50 + (i % 10)},pro\n")));
        _dir.Write("repo/ml/churn/predictions.csv", "label,predicted\n1,0\n0,1\n1,1\n0,0\n");
        _dir.Write("repo/ml/churn/suite.yml", "checks:\n  - {expect: between, column: tenure, min: 0, max: 120}\n");
        _dir.Write("repo/ml/churn/mlops-gates.yml", "gates:\n  - name: customer-data\n    dataset: {path: data.csv}\n    checks:\n      - {expect: between, column: tenure, min: 0, max: 120}\n  - name: churn-model\n    type: evaluate\n    predictions: predictions.csv\n    label: label\n    metrics:\n      accuracy: 0.9\n");
    }

    private string Root => Path.Combine(_dir.Path, "repo");

    private string Churn => Path.Combine(Root, "ml", "churn");

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("ml/churn")]
    public void Run_annotates_data_and_gates_file_lines_relative_to_the_workspace(string from)
    {
        var config = from.Length == 0 ? "ml/churn/mlops-gates.yml" : "mlops-gates.yml";

        var (exit, output) = Cli(Path.Combine(Root, from), GitHub(), "run", "-c", config, "--comment", "false", "--check-run");

        Assert.Equal(1, exit);
        Assert.Contains("::error file=ml/churn/data.csv,line=3,col=1,title=MLG2009 between(tenure)::", output, StringComparison.Ordinal);
        Assert.Contains("::error file=ml/churn/mlops-gates.yml,line=", output, StringComparison.Ordinal);
        var run = Assert.Single(_server.CheckRuns.Values);
        Assert.Contains("ml/churn/data.csv", run["paths"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.All(run["paths"]!.AsArray(), p => Assert.StartsWith("ml/churn/", p!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Check_drift_and_evaluate_report_in_github_mode_too()
    {
        var check = Cli(Churn, GitHub(), "check", "data.csv", "--suite", "suite.yml", "--comment", "false");
        var drift = Cli(Churn, GitHub(), "drift", "--reference", "reference.csv", "--current", "current.csv", "--comment", "false");
        var evaluate = Cli(Churn, GitHub(), "evaluate", "--predictions", "predictions.csv", "--label", "label", "--metric", "accuracy=0.9", "--comment", "false");

        Assert.Equal(1, check.Exit);
        Assert.Contains("::error file=ml/churn/data.csv,line=3,col=1,title=MLG2009 between(tenure)::", check.Out, StringComparison.Ordinal);
        Assert.Equal(1, drift.Exit);
        Assert.Contains("::error title=MLG4002 dataset_drift::", drift.Out, StringComparison.Ordinal);
        Assert.Equal(1, evaluate.Exit);
        Assert.Contains("::error title=MLG5001", evaluate.Out, StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(_dir.Path, "summary.md"));
        Assert.Equal(3, summary.Split("<!-- mlops-gates-report -->").Length - 1);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_dir.Path, "outputs.txt")).Count(l => l == "status=failed"));
    }

    [Fact]
    public void A_file_outside_the_workspace_gets_no_file_annotation_but_stays_in_the_summary()
    {
        var outside = _dir.Write("elsewhere/data.csv", "tenure\n-1\n");
        var suite = Path.Combine(Churn, "suite.yml");

        var (exit, output) = Cli(Root, GitHub(), "check", outside, "--suite", suite, "--comment", "false");

        Assert.Equal(1, exit);
        Assert.Contains("::error title=MLG2009 between(tenure)::", output, StringComparison.Ordinal);
        Assert.DoesNotContain("file=", output, StringComparison.Ordinal);
        Assert.Contains("between", File.ReadAllText(Path.Combine(_dir.Path, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_source_paths_are_relative_to_the_sources_directory()
    {
        var variables = new Dictionary<string, string> { ["TF_BUILD"] = "True", ["BUILD_SOURCESDIRECTORY"] = Root };

        var (exit, output) = Cli(Churn, variables, "run", "-c", "mlops-gates.yml");

        Assert.Equal(1, exit);
        Assert.Contains("##vso[task.logissue type=error;sourcepath=ml/churn/data.csv;linenumber=3;columnnumber=1;code=MLG2009]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_gates_file_is_annotated_summarized_and_failed_in_ci_too()
    {
        _dir.Write("repo/ml/churn/broken.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: betwen, column: tenure}\n");
        var azure = new Dictionary<string, string> { ["TF_BUILD"] = "True", ["BUILD_SOURCESDIRECTORY"] = Root };

        var (exit, output) = Cli(Root, GitHub(), "run", "-c", "ml/churn/broken.yml");
        var (azureExit, azureOutput) = Cli(Root, azure, "run", "-c", "ml/churn/broken.yml");

        Assert.Equal(2, exit);
        Assert.Contains("::error file=ml/churn/broken.yml,line=5,col=", output, StringComparison.Ordinal);
        Assert.Contains("title=MLG1007", output, StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(_dir.Path, "summary.md"));
        Assert.Contains("MlOps.Gates: the gates could not run", summary, StringComparison.Ordinal);
        Assert.Contains("ml/churn/broken.yml(5,", summary, StringComparison.Ordinal);
        Assert.Equal(["status=failed", "failed=true"], File.ReadAllLines(Path.Combine(_dir.Path, "outputs.txt")));
        Assert.Equal(2, azureExit);
        Assert.Contains("##vso[task.logissue type=error;sourcepath=ml/churn/broken.yml;linenumber=5;", azureOutput, StringComparison.Ordinal);
    }

    private Dictionary<string, string> GitHub() => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_WORKSPACE"] = Root,
        ["GITHUB_STEP_SUMMARY"] = Path.Combine(_dir.Path, "summary.md"),
        ["GITHUB_OUTPUT"] = Path.Combine(_dir.Path, "outputs.txt"),
        ["GITHUB_EVENT_PATH"] = _dir.Write("event.json", """{"pull_request": {"number": 5, "head": {"sha": "abc123", "repo": {"full_name": "o/r"} } } }"""),
        ["GITHUB_REPOSITORY"] = "o/r",
        ["GITHUB_API_URL"] = _server.ApiUrl,
        ["GITHUB_TOKEN"] = "ghs_RepositoryPathTestToken1234567",
    };

    /// <summary>The CLI as its own process, so the working directory is the test's to choose.</summary>
    private (int Exit, string Out) Cli(string workingDirectory, Dictionary<string, string> variables, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops-gates.dll"));
        foreach (var arg in args.Concat(["-r", Path.Combine(_dir.Path, "reports"), "--no-progress"]))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "GITHUB_ACTIONS", "TF_BUILD", "CI" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + new StringBuilder().Append(error.Result));
    }
}
