using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>
/// Publishes a run to GitHub Actions: annotations (most severe first, within GitHub's ten errors and ten warnings a
/// step; the rest counted in the summary), the Markdown report in the job summary (trimmed with a note near 1 MiB),
/// step outputs, the sticky pull-request comment and, when asked, a check run. A token that cannot write (a pull request
/// from a fork) gets one notice; publishing never fails the job.
/// </summary>
public sealed class GitHubReporter(GitHubContext context, GitHubOptions options, TextWriter output)
{
    public const int SummaryLimitBytes = 1024 * 1024;

    // Once the token turns out not to write here, nothing else is tried: one notice says it all.
    private bool _readOnly;

    public void Publish(RunResult run, string markdown, string reportDirectory, Func<Octokit.IGitHubClient>? client = null)
    {
        var (shownErrors, hiddenErrors) = Annotate(run, Severity.Error);
        var (shownWarnings, hiddenWarnings) = Annotate(run, Severity.Warning);
        var note = hiddenErrors + hiddenWarnings == 0 || options.Annotations == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"\n> {shownErrors + shownWarnings} findings are annotated on the changes; {hiddenErrors} more error(s) and {hiddenWarnings} more warning(s) are in the report.\n");
        WriteSummary(markdown + note);
        WriteOutputs(run, reportDirectory);
        if (context.Repository is null || context.Token is null || (!options.Comment && !options.CheckRun))
        {
            return;
        }

        var api = (client ?? (() => GitHubApi.Client(context)))();
        if (options.Comment && context.PullRequest is { } pull)
        {
            Try("comment on the pull request", () => StickyComment.Upsert(api, context.Repository, pull, markdown, context.RunUrl));
        }

        if (options.CheckRun && (context.HeadSha ?? context.Sha) is { } sha)
        {
            Try("create a check run", () => CheckRunPublisher.Publish(api, context.Repository, sha, run, markdown, run.BaseDirectory, context.Workspace));
        }
    }

    /// <summary>
    /// A run that could not start (a broken gates file, unreadable data: exit 2) is shown in CI too: each error annotated
    /// at its place, a summary that lists them, and status=failed in the outputs, so the pull request says why.
    /// </summary>
    public void PublishInputErrors(IReadOnlyList<Finding> errors, string baseDirectory)
    {
        foreach (var finding in errors.Take(options.Annotations))
        {
            output.WriteLine(WorkflowCommands.Annotation(finding, baseDirectory, context.Workspace));
        }

        var summary = new StringBuilder("<!-- mlops-gates-report -->\n## ❌ MlOps.Gates: the gates could not run\n\n| Code | Where | Problem |\n|---|---|---|\n");
        foreach (var finding in errors)
        {
            var place = FindingPlace.Of(finding, baseDirectory, context.Workspace) is var (file, line, column)
                ? (line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}({line},{column})") : file)
                : string.Empty;
            summary.Append("| ").Append(finding.Code).Append(" | ").Append(Reporting.Escape.Markdown(place)).Append(" | ").Append(Reporting.Escape.Markdown(finding.Message)).Append(" |\n");
        }

        WriteSummary(summary.ToString());
        if (context.OutputPath is { } path)
        {
            File.AppendAllText(path, "status=failed\nfailed=true\n");
        }
    }

    private (int Shown, int Hidden) Annotate(RunResult run, Severity severity)
    {
        var findings = run.Findings.Where(f => f.Severity == severity).OrderBy(f => f.Location?.File, StringComparer.Ordinal).ThenBy(f => f.Location?.Line).ToList();
        var shown = Math.Min(findings.Count, options.Annotations);
        foreach (var finding in findings.Take(shown))
        {
            output.WriteLine(WorkflowCommands.Annotation(finding, run.BaseDirectory, context.Workspace));
        }

        return (shown, findings.Count - shown);
    }

    private void WriteSummary(string markdown)
    {
        if (context.StepSummaryPath is not { } path)
        {
            return;
        }

        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        var budget = (int)Math.Max(0, SummaryLimitBytes - existing - 1024);
        var text = Encoding.UTF8.GetByteCount(markdown) <= budget
            ? markdown
            : Reporting.ReportRenderer.Trim(markdown, budget - 200) + "\n> The job summary is limited to 1 MiB; the full report is in report.html and report.json.\n";
        File.AppendAllText(path, text + "\n");
    }

    private void WriteOutputs(RunResult run, string reportDirectory)
    {
        if (context.OutputPath is not { } path)
        {
            return;
        }

        var status = run.Status == GateStatus.Warning ? "passed-with-warnings" : run.Status.ToString().ToLowerInvariant();
        var lines = new StringBuilder($"status={status}\nfailed={(run.Status == GateStatus.Failed ? "true" : "false")}\nreport-dir={OneLine(reportDirectory)}\n");

        // What a later job promotes: the version this run registered (or found already registered) and the alias it moved.
        foreach (var action in run.Registry.Where(a => a.Succeeded && a.Version is not null))
        {
            lines.Append("model=").Append(OneLine(action.Model)).Append('\n')
                .Append("model-version=").Append(action.Version!.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (action.Alias is { } alias)
            {
                lines.Append("alias=").Append(OneLine(alias)).Append('\n');
            }
        }

        File.AppendAllText(path, lines.ToString());
    }

    // A line break in a value would start another output: GitHub's file format is one name=value per line.
    private static string OneLine(string value) => value.Replace('\r', ' ').Replace('\n', ' ');

    private void Try(string what, Action action)
    {
        if (_readOnly)
        {
            return;
        }

        try
        {
            action();
        }
        catch (Exception e) when (GitHubApi.IsPermission(e))
        {
            _readOnly = true;
            var why = context.FromFork ? "this pull request comes from a fork, whose token is read-only" : "the token lacks the permission";
            output.WriteLine(WorkflowCommands.Notice($"mlops-gates could not {what} or publish anything else on GitHub: {why}; the job summary has the report."));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Reporting to GitHub is best-effort: a slow, broken or lying API costs one notice, never the gates' verdict.
            output.WriteLine(WorkflowCommands.Notice($"mlops-gates could not {what}: {GitHubApi.Describe(e, context.Token)}; the job summary has the report."));
        }
    }
}
