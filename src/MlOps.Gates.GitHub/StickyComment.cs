using Octokit;

namespace MlOps.Gates.GitHub;

/// <summary>
/// One pull-request comment kept up to date: found by a hidden marker and edited in place, so every push updates the
/// same comment instead of adding another; at most 65,000 bytes, trimmed with a link to the full report.
/// </summary>
public static class StickyComment
{
    public const string Marker = "<!-- mlops-gates-report -->";
    public const int MaxBytes = 65_000;

    /// <summary>Creates or updates the comment; returns its id and whether it was created.</summary>
    public static (long Id, bool Created) Upsert(IGitHubClient client, string repository, int pullRequest, string markdown, string? fullReportUrl)
    {
        var (owner, name) = GitHubApi.Split(repository);
        var body = Fit(markdown.Contains(Marker, StringComparison.Ordinal) ? markdown : Marker + "\n" + markdown, fullReportUrl);
        var existing = client.Issue.Comment.GetAllForIssue(owner, name, pullRequest).GetAwaiter().GetResult()
            .FirstOrDefault(c => c.Body?.Contains(Marker, StringComparison.Ordinal) == true);
        if (existing is not null)
        {
            client.Issue.Comment.Update(owner, name, existing.Id, body).GetAwaiter().GetResult();
            return (existing.Id, false);
        }

        var created = client.Issue.Comment.Create(owner, name, pullRequest, body).GetAwaiter().GetResult();
        return (created.Id, true);
    }

    public static string Fit(string markdown, string? fullReportUrl)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(markdown) <= MaxBytes)
        {
            return markdown;
        }

        var link = fullReportUrl is null ? "the full report is in the run's artifacts" : $"the full report: {fullReportUrl}";
        return Reporting.ReportRenderer.Trim(markdown, MaxBytes - 200).TrimEnd() + $"\n\n> Trimmed to fit a comment; {link}.\n";
    }
}
