using Octokit;

namespace MlOps.Gates.GitHub;

/// <summary>
/// One GitHub issue per drift gate for drift that persists: opened the first time, updated in place after, found by a
/// hidden marker among the open issues labelled <c>mlops-gates-drift</c>, so retraining can be triggered from it.
/// </summary>
public static class DriftIssue
{
    public const string Label = "mlops-gates-drift";

    public static string Marker(string gate) => $"<!-- mlops-gates-monitor:{gate} -->";

    /// <summary>Opens or updates the gate's issue; returns its number and whether it was opened now.</summary>
    public static (int Number, bool Opened) OpenOrUpdate(IGitHubClient client, string repository, string gate, int runs, string markdown)
    {
        var (owner, name) = GitHubApi.Split(repository);
        var body = $"{Marker(gate)}\nDataset drift has persisted for **{runs}** monitoring runs in a row. Retrain, or update the reference if the change is expected.\n\n{StickyComment.Fit(markdown, null)}";
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(Label);
        var existing = client.Issue.GetAllForRepository(owner, name, request).GetAwaiter().GetResult()
            .FirstOrDefault(i => i.Body?.Contains(Marker(gate), StringComparison.Ordinal) == true);
        if (existing is not null)
        {
            client.Issue.Update(owner, name, existing.Number, new IssueUpdate { Body = body }).GetAwaiter().GetResult();
            return (existing.Number, false);
        }

        var issue = new NewIssue($"Data drift persists: {gate}") { Body = body };
        issue.Labels.Add(Label);
        var created = client.Issue.Create(owner, name, issue).GetAwaiter().GetResult();
        return (created.Number, true);
    }
}
