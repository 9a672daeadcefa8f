using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Monitoring;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// <c>mlops-gates monitor</c>: a drift gate of the gates file run on recent production data (a file, or a folder of
/// prediction logs), written as Prometheus metrics; drift that persists for a number of runs opens, then updates, one
/// GitHub issue.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(GatesApp app)
    {
        var config = new Option<string>("--config", "-c") { Description = $"The gates file (default: {GatesConfig.DefaultFileName}).", DefaultValueFactory = _ => GatesConfig.DefaultFileName };
        var gateName = new Option<string?>("--gate") { Description = "The drift gate to run (default: the gates file's only drift gate)." };
        var current = new Option<string?>("--current") { Description = "Recent production data: a CSV/TSV/Parquet file, or a folder of CSV files with one header (default: the gate's own)." };
        var prometheus = new Option<string?>("--prometheus") { Description = "The Prometheus text file to write (default: REPORT_DIR/mlops_gates.prom)." }.WritesFile();
        var state = new Option<string?>("--state") { Description = "Where the count of drifting runs is kept between runs (default: REPORT_DIR/monitor-state.json)." }.WritesFile();
        var issueAfter = new Option<int>("--issue-after") { Description = "Open or update a GitHub issue once this many runs in a row drift (default 3; 0: never).", DefaultValueFactory = _ => 3 }.Within(0, 100_000);
        var reportDir = CommonOptions.ReportDir();
        var ci = CommonOptions.Ci();
        var command = new Command("monitor", "Run a drift gate on recent production data, write Prometheus metrics, and raise a GitHub issue when drift persists.")
        {
            config, gateName, current, prometheus, state, issueAfter, reportDir, ci,
        };
        command.SetAction(parse => app.Guard(() =>
        {
            var loaded = GatesConfigLoader.Load(parse.GetValue(config)!, runsOnly: parse.GetValue(gateName) is { } only ? [only] : null, surroundings: app.Surroundings);
            var drift = loaded.Gates.OfType<DriftGate>().ToList();
            var gate = parse.GetValue(gateName) is { } wanted
                ? drift.FirstOrDefault(g => g.Name == wanted) ?? throw new GatesInputException(ErrorCodes.UnknownReference, $"{loaded.Path} has no drift gate named '{wanted}' (it has: {string.Join(", ", drift.Select(g => g.Name))})")
                : drift.Count == 1 ? drift[0] : throw new GatesInputException(ErrorCodes.BadUsage, $"name the drift gate with --gate ({string.Join(", ", drift.Select(g => g.Name))})");
            var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? loaded.Reports.Directory);
            Directory.CreateDirectory(reportDirectory);
            using var recent = parse.GetValue(current) is { } path ? RecentData.Open(path) : null;
            var monitored = recent is null ? gate : gate with { Current = recent.Dataset };
            var run = new Running.GateRunner().Run(new GatesConfig { Path = loaded.Path, BaseDirectory = loaded.BaseDirectory, Gates = [monitored], Reports = loaded.Reports, Registry = loaded.Registry });
            var result = run.Gates[0];
            var statePath = Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(reportDirectory, "monitor-state.json"));
            var previous = MonitorState.Load(statePath);
            var drifted = result.Drift?.DatasetDrift == true;
            var next = previous with { ConsecutiveDriftRuns = drifted ? previous.ConsecutiveDriftRuns + 1 : 0, LastRun = DateTimeOffset.UtcNow };
            var promPath = Path.GetFullPath(parse.GetValue(prometheus) ?? Path.Combine(reportDirectory, "mlops_gates.prom"));
            AtomicFile.WriteAllText(promPath, PrometheusText.Write(result, next.ConsecutiveDriftRuns, DateTimeOffset.UtcNow));
            app.Output.WriteLine($"mlops-gates: monitor: {(drifted ? $"dataset drift, {next.ConsecutiveDriftRuns} run(s) in a row" : "no dataset drift")}; metrics in {DisplayPaths.Relative(Environment.CurrentDirectory, promPath)}");
            var threshold = parse.GetValue(issueAfter);
            if (drifted && threshold > 0 && next.ConsecutiveDriftRuns >= threshold)
            {
                next = next with { Issue = RaiseIssue(app, gate.Name, next.ConsecutiveDriftRuns, run, loaded) ?? next.Issue };
            }

            next.Save(statePath);
            return RunOutcome.Finish(app, run, loaded.Reports, reportDirectory, Severity.Error, LogFormat.Text, CiSettings.Detect(parse.GetValue(ci), app.Variables, new GitHub.GitHubOptions(Comment: false)));
        }));
        return command;
    }

    private static int? RaiseIssue(GatesApp app, string gate, int runs, RunResult run, GatesConfig config)
    {
        var context = GitHub.GitHubContext.FromEnvironment(app.Variables);
        if (context.Repository is null || context.Token is null)
        {
            app.Output.WriteLine($"mlops-gates: monitor: drift has persisted for {runs} runs; set GITHUB_REPOSITORY and GITHUB_TOKEN to have an issue opened");
            return null;
        }

        try
        {
            var markdown = new Reporting.ReportRenderer(config.Reports.TemplatesDirectory).RenderMarkdown(run);
            var (number, opened) = GitHub.DriftIssue.OpenOrUpdate(GitHub.GitHubApi.Client(context), context.Repository, gate, runs, markdown);
            app.Output.WriteLine($"mlops-gates: monitor: {(opened ? "opened" : "updated")} issue #{number} ({context.Repository})");
            return number;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            app.Output.WriteLine($"mlops-gates: monitor: could not open or update the drift issue: {GitHub.GitHubApi.Describe(e, context.Token)}");
            return null;
        }
    }
}
