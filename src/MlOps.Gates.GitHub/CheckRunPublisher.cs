using Octokit;
using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>
/// A check run with the findings as annotations: GitHub takes at most 50 annotations a request, so the run is created
/// with the first 50 and updated with each next 50.
/// </summary>
public static class CheckRunPublisher
{
    public const int Batch = 50;

    public static long Publish(IGitHubClient client, string repository, string headSha, RunResult run, string summaryMarkdown, string baseDirectory, string? workspace = null)
    {
        var (owner, name) = GitHubApi.Split(repository);
        var annotations = run.Findings
            .Where(f => f.Location is { Line: > 0 })
            .OrderByDescending(f => f.Severity)
            .Select(f => Annotation(f, baseDirectory, workspace)).OfType<NewCheckRunAnnotation>()
            .ToList();
        var conclusion = run.Status switch
        {
            GateStatus.Failed => CheckConclusion.Failure,
            GateStatus.Warning => CheckConclusion.Neutral,
            _ => CheckConclusion.Success,
        };
        var title = $"MlOps.Gates: {run.Status.ToString().ToLowerInvariant()}";
        var summary = summaryMarkdown.Length <= 65_000 ? summaryMarkdown : summaryMarkdown[..64_900] + "\n\n(trimmed)";
        var created = client.Check.Run.Create(owner, name, new NewCheckRun("MlOps.Gates", headSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            Output = new NewCheckRunOutput(title, summary) { Annotations = annotations.Take(Batch).ToList() },
        }).GetAwaiter().GetResult();
        for (var start = Batch; start < annotations.Count; start += Batch)
        {
            client.Check.Run.Update(owner, name, created.Id, new CheckRunUpdate
            {
                Output = new NewCheckRunOutput(title, summary) { Annotations = annotations.Skip(start).Take(Batch).ToList() },
            }).GetAwaiter().GetResult();
        }

        return created.Id;
    }

    /// <summary>A check-run annotation, or null for a finding GitHub cannot attach to a file of the checkout.</summary>
    private static NewCheckRunAnnotation? Annotation(Finding finding, string baseDirectory, string? workspace)
    {
        if (FindingPlace.Of(finding, baseDirectory, workspace) is not var (path, line, _))
        {
            return null;
        }

        var level = finding.Severity == Severity.Error ? CheckAnnotationLevel.Failure : CheckAnnotationLevel.Warning;
        return new NewCheckRunAnnotation(path, Math.Max(1, line), Math.Max(1, line), level, finding.Message) { Title = finding.Code };
    }
}
