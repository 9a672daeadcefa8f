using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlOps.Gates.Tasks;

namespace MlOps.Gates.MSBuild.Tests.Tasks;

/// <summary>The MSBuild tasks against a fake build engine, each running the real CLI out of process.</summary>
public sealed class TaskTests : IDisposable
{
    private readonly MlOps.Gates.Tests.TempDir _dir = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "mlops-gates.dll");

    private T Task<T>(T task)
        where T : MlOpsGatesTask
    {
        task.BuildEngine = _engine;
        task.CliPath = CliPath;
        task.WorkingDirectory = _dir.Path;
        return task;
    }

    private string Suite() => _dir.Write("suite.yml", "checks:\n  - expect: between\n    column: age\n    min: 0\n    max: 120\n");

    [Fact]
    public void A_bad_row_is_an_error_at_its_file_line_and_column_with_a_help_link_and_the_outputs_are_set()
    {
        var data = _dir.Write("data/train.csv", "id,age\n1,30\n2,400\n3,40\n");
        var reports = Path.Combine(_dir.Path, "reports");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(data)], Suite = Suite(), ReportDirectory = reports });

        var succeeded = task.Execute();

        Assert.False(succeeded);
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MLG2009", error.Code);
        Assert.Equal(data, error.File);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(3, error.ColumnNumber);
        Assert.EndsWith("README.md#checks", error.HelpLink, StringComparison.Ordinal);
        Assert.Contains("'400'", error.Message, StringComparison.Ordinal);
        Assert.Equal("failed", task.Status);
        Assert.Equal(["md", "html", "json", "junit"], task.Reports.Select(r => r.GetMetadata("Format")).OrderBy(f => f == "md" ? 0 : f == "html" ? 1 : f == "json" ? 2 : 3));
        Assert.All(task.Reports, r => Assert.True(File.Exists(r.ItemSpec), r.ItemSpec));
        var failed = Assert.Single(task.FailedChecks);
        Assert.Equal("MLG2009", failed.GetMetadata("Code"));
        Assert.DoesNotContain(_engine.Errors, e => e.Code?.StartsWith("MSB", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(_engine.Messages, m => m.Message?.Contains("error MLG2009", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Passing_data_succeeds_with_status_passed_and_several_files_are_a_gate_each()
    {
        var first = _dir.Write("a/train.csv", "id,age\n1,30\n");
        var second = _dir.Write("b/train.csv", "id,age\n1,31\n");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(first), new TaskItem(second)], Suite = Suite(), ReportDirectory = Path.Combine(_dir.Path, "r") });

        var succeeded = task.Execute();

        Assert.True(succeeded, _engine.Log);
        Assert.Equal("passed", task.Status);
        Assert.Empty(task.FailedChecks);
        var json = File.ReadAllText(task.Reports.Single(r => r.GetMetadata("Format") == "json").ItemSpec);
        Assert.Contains("suite: a/train.csv", json, StringComparison.Ordinal);
        Assert.Contains("suite: b/train.csv", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_spaces_and_a_trailing_backslash_reach_the_cli_as_they_are()
    {
        var data = _dir.Write("odd \"quoted\" dir/train data.csv", "id,age\n1,30\n");
        var reports = Path.Combine(_dir.Path, "reports with \"quotes\" and a trailing \\");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(data)], Suite = Suite(), ReportDirectory = reports, NullValues = ["N \"A\"\\"] });

        var succeeded = task.Execute();

        Assert.True(succeeded, _engine.Log);
        Assert.True(File.Exists(Path.Combine(reports, "report.json")), _engine.Log);
        Assert.Contains("train data.csv", File.ReadAllText(Path.Combine(reports, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_with_quotes_is_kept_whole_in_the_audit_log_and_version_and_alias_are_set()
    {
        var registry = Path.Combine(_dir.Path, "registry");
        var model = _dir.Write("model.zip", "not really a model, but a file");
        var register = Task(new MlOpsRegisterModel { Model = model, Name = "churn", Registry = registry });
        const string reason = "ticket \"OPS-1\" said so \\";
        var promote = Task(new MlOpsPromoteModel { Model = model, Name = "churn", To = "staging", Reason = reason, Registry = registry });

        Assert.True(register.Execute(), _engine.Log);
        Assert.Equal("1", register.Version);
        Assert.True(promote.Execute(), _engine.Log);
        Assert.Equal("1", promote.Version);
        Assert.Equal("staging", promote.Alias);
        var audit = File.ReadAllLines(Path.Combine(registry, "models", "churn", "audit.jsonl"));
        using var promotion = System.Text.Json.JsonDocument.Parse(audit[^1]);
        Assert.Equal(reason, promotion.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_refused_promotion_is_an_error_with_its_code()
    {
        var registry = Path.Combine(_dir.Path, "registry");
        var promote = Task(new MlOpsPromoteModel { Version = "3", Name = "churn", To = "staging", Registry = registry });

        Assert.False(promote.Execute());

        Assert.Equal("MLG6002", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void A_cli_that_exits_without_a_finding_is_MLG0006()
    {
        var script = _dir.Write("fake-cli.sh", "echo something went wrong\nexit 4\n");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(script)], Suite = Suite(), DotnetHost = "/bin/sh" });
        task.CliPath = script;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MLG0006", error.Code);
        Assert.Contains("exited with code 4", error.Message, StringComparison.Ordinal);
        Assert.Equal("failed", task.Status);
    }

    [Fact]
    public void A_killed_cli_still_has_its_canonical_lines_logged_as_errors()
    {
        var script = _dir.Write("fake-cli.sh", "echo 'data.csv(3,5): error MLG2009: g: between(age): 1 unexpected'\nexit 1\n");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(script)], Suite = Suite(), DotnetHost = "/bin/sh" });
        task.CliPath = script;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("MLG2009", error.Code);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void A_message_with_braces_is_logged_as_it_is()
    {
        var data = _dir.Write("data.csv", "id,name\n1,{0} and {1}\n");
        var suite = _dir.Write("braces.yml", "checks:\n  - expect: in_set\n    column: name\n    values: [a]\n");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(data)], Suite = suite, ReportDirectory = Path.Combine(_dir.Path, "r") });

        Assert.False(task.Execute());

        Assert.Contains("{0} and {1}", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_fail_on_is_refused_before_the_cli_runs()
    {
        var task = Task(new MlOpsCheckData { Data = [new TaskItem("x.csv")], Suite = "s.yml", FailOn = "sometimes" });

        Assert.False(task.Execute());

        Assert.Equal("MLG0004", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancel_stops_the_cli_with_sigterm_and_the_previous_reports_stay_whole()
    {
        var reports = Path.Combine(_dir.Path, "reports");
        var small = _dir.Write("small.csv", "id,age\n1,30\n");
        Assert.True(Task(new MlOpsCheckData { Data = [new TaskItem(small)], Suite = Suite(), ReportDirectory = reports }).Execute(), _engine.Log);
        var before = File.ReadAllText(Path.Combine(reports, "report.json"));
        var big = Path.Combine(_dir.Path, "big.csv");
        using (var writer = new StreamWriter(big))
        {
            writer.Write("id,age\n");
            for (var i = 0; i < 10_000_000; i++)
            {
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write(",42\n");
            }
        }

        var suite = _dir.Write("slow.yml", "checks:\n  - expect: between\n    column: age\n    min: 0\n    max: 120\n  - expect: unique\n    column: id\n  - expect: median_between\n    column: age\n    min: 0\n    max: 100\n");
        var task = Task(new MlOpsCheckData { Data = [new TaskItem(big)], Suite = suite, ReportDirectory = reports });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var running = System.Threading.Tasks.Task.Run(task.Execute);
        while (!running.IsCompleted && !_engine.Messages.ToArray().Any(m => m.Message?.Contains("mlops-gates.dll", StringComparison.Ordinal) == true))
        {
            Thread.Sleep(20);
        }

        // Well into the data: the CLI listens for SIGTERM from its first statement, but the runtime starts first.
        Thread.Sleep(2500);
        task.Cancel();
        var succeeded = await running;

        Assert.False(succeeded);
        Assert.Equal(130, task.ExitCode);
        Assert.Contains(_engine.Errors, e => e.Code == "MLG0010");
        Assert.Equal(before, File.ReadAllText(Path.Combine(reports, "report.json")));
        Assert.DoesNotContain(Directory.GetFiles(reports), f => !Path.GetFileName(f).StartsWith("report", StringComparison.Ordinal) && Path.GetFileName(f) != "junit.xml");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(_engine.Errors, e => e.Code == "MLG0006");
    }

    [Theory]
    [InlineData(MessageImportance.Low, true)]
    [InlineData(MessageImportance.Normal, false)]
    public void The_build_verbosity_decides_whether_the_cli_shows_its_progress(MessageImportance lowestShown, bool progress)
    {
        var engine = new VerboseBuildEngine(lowestShown);
        var data = _dir.Write("data.csv", "id,age\n1,30\n");
        var task = new MlOpsCheckData { BuildEngine = engine, CliPath = CliPath, WorkingDirectory = _dir.Path, Data = [new TaskItem(data)], Suite = Suite(), ReportDirectory = Path.Combine(_dir.Path, "r") };

        Assert.True(task.Execute(), engine.Log);

        // The command line is a low-importance message: logged only where a logger shows those.
        var command = engine.Messages.SingleOrDefault(m => m.Message?.Contains("mlops-gates.dll", StringComparison.Ordinal) == true)?.Message;
        Assert.Equal(progress, command is not null && !command.Contains("--no-progress", StringComparison.Ordinal));
        Assert.Equal(progress, engine.Messages.Any(m => m.Message?.Contains("mlops-gates: suite: read", StringComparison.Ordinal) == true));
    }
}
