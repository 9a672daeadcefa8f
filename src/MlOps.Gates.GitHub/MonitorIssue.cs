using Octokit;

namespace MlOps.Gates.GitHub;

/// <summary>
/// One GitHub issue per monitored gate whose failure persists: opened the first time, updated in place after, found by
/// a hidden marker among the open issues of its label (<c>mlops-gates-drift</c> for drift, <c>mlops-gates-monitor</c>
/// otherwise), so retraining can be triggered from it.
/// </summary>
public static class MonitorIssue
{
    public const string DriftLabel = "mlops-gates-drift";

    public const string Label = "mlops-gates-monitor";

    public static string Marker(string gate) => $"<!-- mlops-gates-monitor:{gate} -->";

    /// <summary>Opens or updates the gate's issue; returns its number and whether it was opened now.</summary>
    /// <param name="type">The gate's type (<c>drift</c>, <c>evaluate</c>, <c>data_quality</c>), which words the issue.</param>
    public static (int Number, bool Opened) OpenOrUpdate(IGitHubClient client, string repository, string gate, string type, int runs, string markdown)
    {
        var (owner, name) = GitHubApi.Split(repository);
        var (title, sentence, label) = type switch
        {
            "drift" => ($"Data drift persists: {gate}", $"Dataset drift has persisted for **{runs}** monitoring runs in a row. Retrain, or update the reference if the change is expected.", DriftLabel),
            "evaluate" => ($"Model quality below its bar: {gate}", $"The model has failed its bars on fresh labelled data for **{runs}** monitoring runs in a row: the relation it learned may have changed (concept drift). Retrain on recent data.", Label),
            _ => ($"Gate keeps failing: {gate}", $"The gate has failed for **{runs}** monitoring runs in a row.", Label),
        };
        var body = $"{Marker(gate)}\n{sentence}\n\n{StickyComment.Fit(markdown, null)}";
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(label);
        var existing = client.Issue.GetAllForRepository(owner, name, request).GetAwaiter().GetResult()
            .FirstOrDefault(i => i.Body?.Contains(Marker(gate), StringComparison.Ordinal) == true);
        if (existing is not null)
        {
            client.Issue.Update(owner, name, existing.Number, new IssueUpdate { Body = body }).GetAwaiter().GetResult();
            return (existing.Number, false);
        }

        var issue = new NewIssue(title) { Body = body };
        issue.Labels.Add(label);
        var created = client.Issue.Create(owner, name, issue).GetAwaiter().GetResult();
        return (created.Number, true);
    }
}
