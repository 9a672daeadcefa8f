using System.Text.Json;

namespace MlOps.Gates.GitHub;

/// <summary>What a GitHub Actions step knows from its environment: the files to write, the repository, the pull request, the token.</summary>
public sealed record GitHubContext
{
    public string? StepSummaryPath { get; init; }

    public string? OutputPath { get; init; }

    public string? Repository { get; init; }

    public string ApiUrl { get; init; } = "https://api.github.com";

    public string ServerUrl { get; init; } = "https://github.com";

    public string? RunId { get; init; }

    public string? Sha { get; init; }

    public int? PullRequest { get; init; }

    /// <summary>The pull request's head commit, which a check run belongs to.</summary>
    public string? HeadSha { get; init; }

    /// <summary>Whether the pull request comes from a fork, whose workflow token cannot write.</summary>
    public bool FromFork { get; init; }

    public string? Token { get; init; }

    /// <summary>The checkout's root (GITHUB_WORKSPACE), which annotation paths are relative to.</summary>
    public string? Workspace { get; init; }

    /// <summary>How long one attempt of one API call may take (<c>MLOPS_GATES_GITHUB_TIMEOUT</c>, seconds; default 15).</summary>
    public TimeSpan AttemptTimeout { get; init; } = GitHubApi.AttemptTimeout;

    public string? RunUrl => Repository is null || RunId is null ? null : $"{ServerUrl}/{Repository}/actions/runs/{RunId}";

    public static GitHubContext FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        string? Env(string name) => variable(name) is { Length: > 0 } v ? v : null;
        var context = new GitHubContext
        {
            StepSummaryPath = Env("GITHUB_STEP_SUMMARY"),
            OutputPath = Env("GITHUB_OUTPUT"),
            Repository = Env("GITHUB_REPOSITORY"),
            ApiUrl = Env("GITHUB_API_URL") ?? "https://api.github.com",
            ServerUrl = Env("GITHUB_SERVER_URL") ?? "https://github.com",
            RunId = Env("GITHUB_RUN_ID"),
            Sha = Env("GITHUB_SHA"),
            Token = Env("MLOPS_GATES_GITHUB_TOKEN") ?? Env("GITHUB_TOKEN"),
            Workspace = Env("GITHUB_WORKSPACE"),
            AttemptTimeout = double.TryParse(Env("MLOPS_GATES_GITHUB_TIMEOUT"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 600
                ? TimeSpan.FromSeconds(seconds)
                : GitHubApi.AttemptTimeout,
        };
        if (Env("GITHUB_EVENT_PATH") is { } eventPath && File.Exists(eventPath))
        {
            try
            {
                return WithPullRequest(context, eventPath);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IOException or FormatException)
            {
                // An event file we cannot read leaves the run without pull-request features, not without its verdict.
                return context;
            }
        }

        return context;
    }

    private static GitHubContext WithPullRequest(GitHubContext context, string eventPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(eventPath));
        if (!document.RootElement.TryGetProperty("pull_request", out var pull))
        {
            return context;
        }

        var head = pull.GetProperty("head");
        var headRepo = head.TryGetProperty("repo", out var repo) && repo.ValueKind == JsonValueKind.Object && repo.TryGetProperty("full_name", out var name) ? name.GetString() : null;
        return context with
        {
            PullRequest = pull.GetProperty("number").GetInt32(),
            HeadSha = head.TryGetProperty("sha", out var sha) ? sha.GetString() : null,
            FromFork = headRepo is not null && context.Repository is not null && !string.Equals(headRepo, context.Repository, StringComparison.OrdinalIgnoreCase),
        };
    }
}
