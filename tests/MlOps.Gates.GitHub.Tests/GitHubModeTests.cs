using System.Text;
using MlOps.Gates.Cli;
using MlOps.Gates.Tests;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// <c>mlops-gates run --ci github</c> with a temporary step summary, output file and pull-request event, and a local
/// server standing in for the GitHub REST API.
/// </summary>
public sealed class GitHubModeTests : IDisposable
{
    private const string Token = "ghs_SeCrEtT0kenValue1234567890";
    private readonly TempDir _dir = new();
    private readonly FakeGitHubServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    private string Summary => Path.Combine(_dir.Path, "summary.md");

    private string Outputs => Path.Combine(_dir.Path, "outputs.txt");

    private Dictionary<string, string?> Environment(string headRepository = "o/r") => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = Summary,
        ["GITHUB_OUTPUT"] = Outputs,
        ["GITHUB_EVENT_PATH"] = _dir.Write("event.json", """{"pull_request": {"number": 5, "head": {"sha": "abc123", "repo": {"full_name": "HEAD"} } } }""".Replace("HEAD", headRepository, StringComparison.Ordinal)),
        ["GITHUB_REPOSITORY"] = "o/r",
        ["GITHUB_API_URL"] = _server.ApiUrl,
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_SHA"] = "merge123",
        ["GITHUB_TOKEN"] = Token,
    };

    /// <summary>A gates file over data with <paramref name="bad"/> values out of range and <paramref name="warned"/> warned checks.</summary>
    private string Config(int bad, int warned = 0)
    {
        var rows = Enumerable.Range(0, 30).Select(i => i < bad ? "9" : "1");
        _dir.Write("data.csv", "x\n" + string.Join('\n', rows) + "\n");
        var checks = string.Join('\n', Enumerable.Range(0, Math.Max(1, bad)).Select(i => $"      - {{expect: between, column: x, min: 0, max: 5, id: range-{i}}}"));
        var warnings = string.Join('\n', Enumerable.Range(0, warned).Select(i => $"      - {{expect: mean_between, column: x, min: 100, severity: warning, id: mean-{i}}}"));
        return _dir.Write("mlops-gates.yml", $"gates:\n  - name: g\n    dataset: {{path: data.csv}}\n    checks:\n{checks}\n{warnings}\n");
    }

    private (int Exit, string Out, string Err) Run(Dictionary<string, string?> variables, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new GatesApp(output, error) { Variables = name => variables.GetValueOrDefault(name) };
        var exit = app.Run(["run", "--no-progress", "-r", Path.Combine(_dir.Path, "reports"), .. args]);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Annotations_come_most_severe_first_within_githubs_limits_and_the_rest_are_counted_in_the_summary()
    {
        var (exit, output, _) = Run(Environment(), "-c", Config(bad: 14, warned: 12), "--comment", "false");

        var lines = output.Split('\n');
        Assert.Equal(1, exit);
        Assert.Equal(10, lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Equal(10, lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("::error ", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("::error file=data.csv,line=2,col=1,title=MLG2009 range-0::", StringComparison.Ordinal));
        var summary = File.ReadAllText(Summary);
        Assert.StartsWith("<!-- mlops-gates-report -->", summary, StringComparison.Ordinal);
        Assert.Contains("4 more error(s) and 2 more warning(s) are in the report", summary, StringComparison.Ordinal);
        Assert.Equal(["status=failed", "failed=true", $"report-dir={Path.Combine(_dir.Path, "reports")}"], File.ReadAllLines(Outputs));
    }

    [Fact]
    public void Workflow_command_values_are_escaped()
    {
        var finding = new Results.Finding("MLG2009", Results.Severity.Error, "50% bad\nnext line", new Results.SourceLocation("dir,a/b:c.csv", 3, 4), "id");

        Assert.Equal("::error file=dir%2Ca/b%3Ac.csv,line=3,col=4,title=MLG2009 id::50%25 bad%0Anext line", WorkflowCommands.Annotation(finding, _dir.Path));
    }

    [Fact]
    public void The_summary_is_trimmed_with_a_note_near_the_one_mebibyte_limit()
    {
        File.WriteAllText(Summary, new string('x', GitHubReporter.SummaryLimitBytes - 1500));

        Run(Environment(), "-c", Config(bad: 3), "--comment", "false");

        var size = new FileInfo(Summary).Length;
        Assert.True(size <= GitHubReporter.SummaryLimitBytes, $"summary is {size} bytes");
        Assert.Contains("limited to 1 MiB", File.ReadAllText(Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pull_request_comment_is_created_once_and_then_updated_in_place()
    {
        var config = Config(bad: 1);

        Run(Environment(), "-c", config);
        Config(bad: 0);
        var (exit, _, _) = Run(Environment(), "-c", config);

        Assert.Equal(0, exit);
        var comment = Assert.Single(_server.Comments.Values);
        Assert.Contains("MlOps.Gates: passed", comment["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(_server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/issues/5/comments", StringComparison.Ordinal));
        Assert.Single(_server.Requests, r => r.Method == "PATCH" && r.Path.Contains("/issues/comments/", StringComparison.Ordinal));
        Assert.All(_server.Requests, r => Assert.Equal("token " + Token, r.Authorization, ignoreCase: true));
    }

    [Fact]
    public void A_comment_over_the_limit_is_trimmed_with_a_link_to_the_full_report()
    {
        var body = StickyComment.Fit(StickyComment.Marker + "\n" + string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"| row {i} | value |")), "https://github.example/o/r/actions/runs/42");

        Assert.True(Encoding.UTF8.GetByteCount(body) <= StickyComment.MaxBytes);
        Assert.Contains("https://github.example/o/r/actions/runs/42", body, StringComparison.Ordinal);
        Assert.StartsWith(StickyComment.Marker, body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_run_sends_its_annotations_in_batches_of_fifty()
    {
        var (exit, _, _) = Run(Environment(), "-c", Config(bad: 30, warned: 0), "--check-run", "--comment", "false");

        Assert.Equal(1, exit);
        var run = Assert.Single(_server.CheckRuns.Values);
        Assert.Equal("abc123", run["head_sha"]!.GetValue<string>());
        Assert.Equal("failure", run["conclusion"]!.GetValue<string>());
        var findings = 30;
        var expected = Enumerable.Range(0, (findings + 49) / 50).Select(b => Math.Min(50, findings - (b * 50))).ToList();
        Assert.Equal(expected, run["batches"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public void Many_findings_make_several_check_run_requests()
    {
        var run = new Results.RunResult
        {
            Version = "t",
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            BaseDirectory = _dir.Path,
            Gates =
            [
                new Results.GateResult
                {
                    Name = "g",
                    Type = "data_quality",
                    Status = Results.GateStatus.Failed,
                    Findings = Enumerable.Range(1, 120).Select(i => new Results.Finding("MLG2009", Results.Severity.Error, "bad " + i, new Results.SourceLocation("data.csv", i, 1))).ToList(),
                },
            ],
        };
        var context = GitHubContext.FromEnvironment(name => Environment().GetValueOrDefault(name));

        CheckRunPublisher.Publish(GitHubApi.Client(context), "o/r", "abc123", run, "summary", _dir.Path);

        Assert.Equal([50, 50, 20], Assert.Single(_server.CheckRuns.Values)["batches"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public void A_fork_pull_request_gets_one_notice_and_the_summary_and_never_fails_for_it()
    {
        _server.ReadOnly = true;

        var (exit, output, _) = Run(Environment(headRepository: "someone/fork"), "-c", Config(bad: 0), "--check-run");

        Assert.Equal(0, exit);
        var notice = Assert.Single(output.Split('\n'), l => l.StartsWith("::notice::", StringComparison.Ordinal));
        Assert.Contains("comes from a fork", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains("check-runs", StringComparison.Ordinal));
        Assert.Contains("MlOps.Gates: passed", File.ReadAllText(Summary), StringComparison.Ordinal);
        Assert.Empty(_server.Comments);
    }

    [Fact]
    public void Under_MSBuild_the_build_logs_the_findings_and_the_step_still_gets_its_status_and_summary()
    {
        // MSBuild shows the canonical lines (and setup-dotnet's problem matcher annotates them): no ::error twice,
        // no comment from every project of a build; but a `dotnet build` step has outputs a later job can read.
        var (exit, output, _) = Run(Environment(), "-c", Config(bad: 2), "--log-format", "msbuild");

        Assert.Equal(1, exit);
        Assert.Contains("data.csv(2,1): error MLG2009", output, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
        Assert.Contains("status=failed", File.ReadAllText(Outputs), StringComparison.Ordinal);
        Assert.Contains("MlOps.Gates: failed", File.ReadAllText(Summary), StringComparison.Ordinal);
        Assert.Empty(_server.Comments);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void No_token_appears_in_any_output_or_report()
    {
        _server.ReadOnly = true;
        var (_, output, error) = Run(Environment(), "-c", Config(bad: 2), "--check-run");

        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(_dir.Path, "reports")).Append(Summary).Append(Outputs))
        {
            Assert.DoesNotContain(Token, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Azure_mode_logs_issues_and_uploads_the_summary()
    {
        var (exit, output, _) = Run(new Dictionary<string, string?> { ["TF_BUILD"] = "True" }, "-c", Config(bad: 1));

        Assert.Equal(1, exit);
        Assert.Contains("##vso[task.logissue type=error;sourcepath=data.csv;linenumber=2;columnnumber=1;code=MLG2009]g: range-0:", output, StringComparison.Ordinal);
        Assert.Contains($"##vso[task.uploadsummary]{Path.Combine(_dir.Path, "reports", "report.md")}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
    }
}
