using Octokit;

namespace MlOps.Gates.GitHub;

/// <summary>The GitHub REST API through Octokit, at the API URL the workflow gives (GitHub.com, GitHub Enterprise, or a test server).</summary>
public static class GitHubApi
{
    /// <summary>How long one attempt of one call may take; three attempts are made on 5xx, 429 and dropped connections.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public static GitHubClient Client(GitHubContext context) => Client(context, context.AttemptTimeout, TimeSpan.FromSeconds(1));

    public static GitHubClient Client(GitHubContext context, TimeSpan attemptTimeout, TimeSpan backoff)
    {
        // Octokit takes a base address and adds api/v3/ for anything but api.github.com; GitHub Enterprise and test
        // servers already end in /api/v3.
        var api = context.ApiUrl.TrimEnd('/');
        var uri = new Uri(api.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? api + "/" : api);
        var credentials = context.Token is { } token ? new Credentials(token) : Credentials.Anonymous;
        var http = new Octokit.Internal.HttpClientAdapter(() => new RetryingHandler(new HttpClientHandler(), attemptTimeout) { Backoff = backoff });
        var connection = new Connection(new ProductHeaderValue("mlops-gates"), uri, new Octokit.Internal.InMemoryCredentialStore(credentials), http, new Octokit.Internal.SimpleJsonSerializer());
        // Octokit's own timeout covers the attempts and the waits between them.
        connection.SetRequestTimeout(attemptTimeout * 3 + backoff * 3 + RetryingHandler.MaxRetryAfter * 2);
        return new GitHubClient(connection);
    }

    public static (string Owner, string Name) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (repository[..slash], repository[(slash + 1)..]) : throw new ArgumentException($"GITHUB_REPOSITORY '{repository}' is not OWNER/NAME");
    }

    /// <summary>An API error in words, with the token and anything shaped like a credential removed: servers echo requests.</summary>
    public static string Describe(Exception e, string? token)
    {
        var text = e switch
        {
            ApiException api => $"GitHub answered {(int)api.StatusCode} {api.StatusCode}: {api.Message}",
            HttpRequestException http => http.Message,
            OperationCanceledException => "GitHub did not answer in time",
            _ => $"GitHub's answer could not be read ({e.GetType().Name}: {e.Message})",
        };
        return Secrets.Scrub(text, token);
    }

    /// <summary>Whether an API error means the token may not write here, as with pull requests from forks.</summary>
    public static bool IsPermission(Exception e) => e is ForbiddenException or AuthorizationException or NotFoundException
        || (e is ApiException api && (int)api.StatusCode is 401 or 403 or 404);
}
