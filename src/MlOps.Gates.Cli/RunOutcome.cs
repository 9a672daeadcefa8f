using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>What every gate-running command does after the run: reports, findings, a summary line and the exit code.</summary>
internal static class RunOutcome
{
    /// <summary>Runs the gates with progress on the terminal, the report templates warming on the spare core, then finishes.</summary>
    public static int RunAndFinish(GatesApp app, GatesConfig config, string reportDirectory, Severity failOn, LogFormat format, bool noProgress, Registry.RegistrationRequest? registration = null, CiSettings? ci = null, Action<RunResult>? finished = null)
    {
        _ = ReportWriter.PrepareInBackground(config.Reports);
        using var progress = new ConsoleProgress(app.Error, live: format == LogFormat.Text && ConsoleProgress.IsInteractive());
        var run = new Running.GateRunner().Run(config, noProgress ? null : progress, app.Cancellation);
        app.Cancellation.ThrowIfCancellationRequested();
        if (registration is not null)
        {
            run = Running.RegistryStep.Apply(run, config, registration);
        }

        var exit = Finish(app, run, config.Reports, reportDirectory, failOn, format, ci ?? CiSettings.None);
        finished?.Invoke(run);
        return exit;
    }

    public static int Finish(GatesApp app, RunResult run, ReportSettings reports, string reportDirectory, Severity failOn, LogFormat format, CiSettings ci)
    {
        var reportClock = System.Diagnostics.Stopwatch.StartNew();
        var written = ReportWriter.Write(run, reports, reportDirectory);
        if (Environment.GetEnvironmentVariable("MLOPS_GATES_TIMING") == "1")
        {
            var sinceStart = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
            app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlops-gates: timing: gates {run.Duration.TotalMilliseconds:0} ms, reports {reportClock.ElapsedMilliseconds} ms, process so far {sinceStart.TotalMilliseconds:0} ms"));
        }

        var writer = new FindingWriter(app.Output, format, run.BaseDirectory, app.Results);
        var findings = run.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Location?.File, StringComparer.Ordinal).ThenBy(f => f.Location?.Line).ToList();
        foreach (var finding in findings)
        {
            app.Results.Finding(finding, run.BaseDirectory);
        }

        if (ci.Mode == CiMode.None || !ci.Annotate)
        {
            foreach (var finding in findings)
            {
                writer.Write(finding);
            }
        }

        switch (ci.Mode)
        {
            case CiMode.GitHub:
                var markdown = new ReportRenderer(reports.TemplatesDirectory).RenderMarkdown(run);
                new GitHub.GitHubReporter(GitHub.GitHubContext.FromEnvironment(app.Variables), ci.GitHub, app.Output).Publish(run, markdown, reportDirectory);
                break;
            case CiMode.Azure:
                foreach (var finding in ci.Annotate ? findings : [])
                {
                    app.Output.WriteLine(GitHub.AzureCommands.Issue(finding, run.BaseDirectory, app.Variables("BUILD_SOURCESDIRECTORY") is { Length: > 0 } sources ? sources : null));
                }

                if (written.FirstOrDefault(f => f.EndsWith(".md", StringComparison.Ordinal)) is { } summary)
                {
                    app.Output.WriteLine(GitHub.AzureCommands.UploadSummary(summary));
                }

                break;
        }

        foreach (var gate in run.Gates.Where(g => g.Evaluation is not null))
        {
            app.Output.WriteLine($"mlops-gates: evaluated {gate.Name}: {Headline(gate.Evaluation!)}");
        }

        foreach (var gate in run.Gates.Where(g => g.Shadow is not null))
        {
            var shadow = gate.Shadow!;
            app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlops-gates: compared {gate.Name} with its baseline on unlabelled rows: agreement {shadow.Agreement:G6} ({shadow.Agreeing} of {shadow.Rows}){(shadow.Drift.Any(d => d.Drifted) ? "; outputs differ in " + string.Join(", ", shadow.Drift.Where(d => d.Drifted).Select(d => d.Output)) : string.Empty)}"));
        }

        foreach (var action in run.Registry.Where(a => a.Succeeded))
        {
            app.Output.WriteLine($"mlops-gates: {action.Message}");
        }

        var checks = run.Gates.Sum(g => g.Checks.Count);
        var failed = run.Gates.Sum(g => g.FailedChecks);
        var warnings = run.Gates.Sum(g => g.WarningChecks);
        var where = written.Count > 0 ? $"; reports in {Shown(reportDirectory)}" : string.Empty;
        app.Output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mlops-gates: {StatusWords(run.Status)}: {run.Gates.Count} gate(s), {checks} check(s), {failed} failed, {warnings} warning(s) in {run.Duration.TotalSeconds:0.##} s{where}"));
        var fails = run.FailsAt(failOn);
        app.Results.Outcome(run, written, fails);

        if (fails && run.Status == GateStatus.Warning)
        {
            writer.Write(new Finding(ErrorCodes.FailedOnWarnings, Severity.Error, $"gates failed at the warning level: {warnings} check(s) warned; see {Path.Combine(reportDirectory, "report.html")}"));
        }

        return fails ? ExitCodes.GateFailed : ExitCodes.Passed;
    }

    /// <summary>The first metrics of an evaluation on one line: value, and beside a baseline the change and its interval.</summary>
    private static string Headline(ModelEvaluation evaluation) => string.Join("; ", evaluation.Metrics.Take(4).Select(m =>
    {
        var value = Reporting.Formats.Number(m.Value);
        return m.Delta is { } delta
            ? $"{m.Name} {value} ({Reporting.Formats.Signed(delta)}{(m.IntervalLow is null ? string.Empty : " " + Reporting.Formats.Interval(m.IntervalLow, m.IntervalHigh))} on the baseline)"
            : $"{m.Name} {value}";
    }));

    /// <summary>The summary's verdict; never the bare word "warning", which MSBuild would read as a warning of its own.</summary>
    private static string StatusWords(GateStatus status) => status switch
    {
        GateStatus.Warning => "passed with warnings",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A folder as the user can find it: relative to the current directory when inside it, else in full.</summary>
    private static string Shown(string directory)
    {
        var relative = DisplayPaths.Relative(Environment.CurrentDirectory, directory);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) ? directory : relative;
    }
}
