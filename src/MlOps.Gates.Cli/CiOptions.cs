using System.CommandLine;

namespace MlOps.Gates.Cli;

/// <summary>
/// The options that say where a run reports in CI, shared by every command that judges data (run, check, drift,
/// evaluate), so GitHub and Azure modes behave the same whichever command a workflow calls.
/// </summary>
internal sealed class CiOptions
{
    public Option<string?> Ci { get; } = CommonOptions.Ci();

    public Option<bool> Comment { get; } = new("--comment") { Description = "GitHub: keep one sticky pull-request comment with the report (default true).", DefaultValueFactory = _ => true };

    public Option<bool> CheckRun { get; } = new("--check-run") { Description = "GitHub: also create a check run with the findings as annotations." };

    public Option<int> Annotations { get; } = new Option<int>("--annotations") { Description = "GitHub: annotations of each kind to show (default 10, GitHub's limit a step).", DefaultValueFactory = _ => 10 }.Within(0, 1_000);

    public void AddTo(Command command)
    {
        command.Options.Add(Ci);
        command.Options.Add(Comment);
        command.Options.Add(CheckRun);
        command.Options.Add(Annotations);
    }

    /// <summary>The settings; under MSBuild (msbuild log format), unless --ci is named, the build logs the findings and the CI gets the summary and outputs.</summary>
    public CiSettings Read(ParseResult parse, GatesApp app, LogFormat format) =>
        parse.GetValue(Ci) is null && format == LogFormat.MSBuild
            ? CiSettings.ForBuild(app.Variables)
            : CiSettings.Detect(
                parse.GetValue(Ci),
                app.Variables,
                new GitHub.GitHubOptions(parse.GetValue(Comment), parse.GetValue(CheckRun), Math.Clamp(parse.GetValue(Annotations), 0, 50)));
}
