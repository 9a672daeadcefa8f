using Octokit;

namespace MlOps.Gates.GitHub;

/// <summary>The GitHub REST API through Octokit, at the API URL the workflow gives (GitHub.com, GitHub Enterprise, or a test server).</summary>
public static class GitHubApi
{
    public static GitHubClient Client(GitHubContext context)
    {
        // Octokit takes a base address and adds api/v3/ for anything but api.github.com; GitHub Enterprise and test
        // servers already end in /api/v3.
        var api = context.ApiUrl.TrimEnd('/');
        var uri = new Uri(api.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? api + "/" : api);
        var client = new GitHubClient(new ProductHeaderValue("mlops-gates"), uri);
        if (context.Token is { } token)
        {
            client.Credentials = new Credentials(token);
        }

        return client;
    }

    public static (string Owner, string Name) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (repository[..slash], repository[(slash + 1)..]) : throw new ArgumentException($"GITHUB_REPOSITORY '{repository}' is not OWNER/NAME");
    }

    /// <summary>Whether an API error means the token may not write here, as with pull requests from forks.</summary>
    public static bool IsPermission(Exception e) => e is ForbiddenException or AuthorizationException or NotFoundException
        || (e is ApiException api && (int)api.StatusCode is 401 or 403 or 404);
}
