using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Monitoring;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// <c>mlops-gates monitor</c>: gates of the gates file (any kind) run on recent production data (a file, or a folder of
/// prediction logs), written as Prometheus metrics; a gate that fails for a number of runs in a row opens, then
/// updates, one GitHub issue. The policy is the engine's <see cref="GateMonitor"/>; this is its front end.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(GatesApp app)
    {
        var config = new Option<string>("--config", "-c") { Description = $"The gates file (default: {GatesConfig.DefaultFileName}).", DefaultValueFactory = _ => GatesConfig.DefaultFileName };
        var gateNames = new Option<string[]>("--gate") { Description = "A gate to run, by name; repeat for several (default: every gate of the file).", AllowMultipleArgumentsPerToken = false };
        var current = new Option<string?>("--current") { Description = "Recent data in place of each gate's own (optional): a CSV/TSV/Parquet file, or a folder of CSV files with one header. An evaluate gate takes freshly labelled rows." };
        var prometheus = new Option<string?>("--prometheus") { Description = "The Prometheus text file to write (default: REPORT_DIR/mlops_gates.prom)." }.WritesFile();
        var state = new Option<string?>("--state") { Description = "Where the count of failing runs is kept between runs (default: REPORT_DIR/monitor-state.json)." }.WritesFile();
        var issueAfter = new Option<int>("--issue-after") { Description = "Open or update a GitHub issue once a gate fails this many runs in a row (default 3; 0: never).", DefaultValueFactory = _ => 3 }.Within(0, 100_000);
        var reportDir = CommonOptions.ReportDir();
        var ci = CommonOptions.Ci();
        var command = new Command("monitor", "Run gates on recent production data, write Prometheus metrics, and raise a GitHub issue when a failure persists.")
        {
            config, gateNames, current, prometheus, state, issueAfter, reportDir, ci,
        };
        command.SetAction(parse => app.Guard(() =>
        {
            var names = parse.GetValue(gateNames) ?? [];
            var loaded = GatesConfigLoader.Load(parse.GetValue(config)!, runsOnly: names.Length > 0 ? names : null, surroundings: app.Surroundings);
            var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? loaded.Reports.Directory);
            Directory.CreateDirectory(reportDirectory);
            using var recent = parse.GetValue(current) is { } path ? RecentData.Open(path) : null;
            var statePath = Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(reportDirectory, "monitor-state.json"));
            var threshold = parse.GetValue(issueAfter);
            var outcome = new GateMonitor(new Running.GateRunner()).Run(loaded, names, recent?.Dataset, MonitorState.Load(statePath), threshold, DateTimeOffset.UtcNow, cancellationToken: app.Cancellation);
            var promPath = Path.GetFullPath(parse.GetValue(prometheus) ?? Path.Combine(reportDirectory, "mlops_gates.prom"));
            AtomicFile.WriteAllText(promPath, PrometheusText.Write(outcome, DateTimeOffset.UtcNow));
            foreach (var gate in outcome.Run.Gates)
            {
                app.Output.WriteLine($"mlops-gates: monitor: {gate.Name}: {Describe(gate, outcome.ConsecutiveFailures(gate.Name))}");
            }

            app.Output.WriteLine($"mlops-gates: monitor: metrics in {DisplayPaths.Relative(Environment.CurrentDirectory, promPath)}");
            var next = outcome.State;
            foreach (var name in outcome.Persisting)
            {
                var gate = outcome.Run.Gates.First(g => g.Name == name);
                if (RaiseIssue(app, gate, outcome.ConsecutiveFailures(name), outcome.Run, loaded) is { } issue)
                {
                    next = next with { Gates = new Dictionary<string, GateMonitorState>(next.Gates, StringComparer.Ordinal) { [name] = next.For(name) with { Issue = issue } } };
                }
            }

            next.Save(statePath);
            return RunOutcome.Finish(app, outcome.Run, loaded.Reports, reportDirectory, Severity.Error, LogFormat.Text, CiSettings.Detect(parse.GetValue(ci), app.Variables, new GitHub.GitHubOptions(Comment: false)));
        }));
        return command;
    }

    private static string Describe(GateResult gate, int failures) => gate.Drift is { } drift
        ? drift.DatasetDrift ? $"dataset drift, {failures} run(s) in a row" : "no dataset drift"
        : gate.Status == GateStatus.Failed ? $"failed, {failures} run(s) in a row" : gate.Status == GateStatus.Warning ? "passed with warnings" : "passed";

    private static int? RaiseIssue(GatesApp app, GateResult gate, int runs, RunResult run, GatesConfig config)
    {
        var context = GitHub.GitHubContext.FromEnvironment(app.Variables);
        if (context.Repository is null || context.Token is null)
        {
            app.Output.WriteLine($"mlops-gates: monitor: {gate.Name} has failed {runs} runs in a row; set GITHUB_REPOSITORY and GITHUB_TOKEN to have an issue opened");
            return null;
        }

        try
        {
            var markdown = new Reporting.ReportRenderer(config.Reports.TemplatesDirectory).RenderMarkdown(run);
            var (number, opened) = GitHub.MonitorIssue.OpenOrUpdate(GitHub.GitHubApi.Client(context), context.Repository, gate.Name, gate.Type, runs, markdown);
            app.Output.WriteLine($"mlops-gates: monitor: {(opened ? "opened" : "updated")} issue #{number} ({context.Repository})");
            return number;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            app.Output.WriteLine($"mlops-gates: monitor: could not open or update the {(gate.Drift is null ? "monitor" : "drift")} issue of {gate.Name}: {GitHub.GitHubApi.Describe(e, context.Token)}");
            return null;
        }
    }
}
