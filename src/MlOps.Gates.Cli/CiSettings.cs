using MlOps.Gates.GitHub;

namespace MlOps.Gates.Cli;

/// <summary>The CI to report to and, for GitHub, what to publish; detected from GITHUB_ACTIONS or TF_BUILD unless named.</summary>
public sealed record CiSettings(CiMode Mode, GitHubOptions GitHub)
{
    public static readonly CiSettings None = new(CiMode.None, new GitHubOptions());

    public static CiSettings Detect(string? named, Func<string, string?> variables, GitHubOptions? github = null)
    {
        var mode = (named ?? "auto").ToLowerInvariant() switch
        {
            "github" => CiMode.GitHub,
            "azure" => CiMode.Azure,
            "none" => CiMode.None,
            "auto" => variables("GITHUB_ACTIONS") == "true" ? CiMode.GitHub
                : string.Equals(variables("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase) ? CiMode.Azure
                : CiMode.None,
            var other => throw new GatesInputException(ErrorCodes.BadUsage, $"--ci must be auto, github, azure or none, not '{other}'"),
        };
        return new CiSettings(mode, github ?? new GitHubOptions());
    }
}
