using MlOps.Gates.GitHub;

namespace MlOps.Gates.Cli;

/// <summary>
/// The CI to report to and, for GitHub, what to publish; detected from GITHUB_ACTIONS or TF_BUILD unless named.
/// Without <see cref="Annotate"/> the findings are printed as usual (MSBuild logs them, and setup-dotnet's problem
/// matcher annotates them) and only the job summary and the step outputs go to the CI.
/// </summary>
public sealed record CiSettings(CiMode Mode, GitHubOptions GitHub, bool Annotate = true)
{
    public static readonly CiSettings None = new(CiMode.None, new GitHubOptions());

    /// <summary>Under MSBuild: the detected CI gets the summary and the outputs (so a build step has a status), not annotations or comments.</summary>
    public static CiSettings ForBuild(Func<string, string?> variables) =>
        Detect(null, variables, new GitHubOptions(Comment: false, CheckRun: false, Annotations: 0)) with { Annotate = false };

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
