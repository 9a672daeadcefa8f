using System.CommandLine;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>Options several commands share, declared once.</summary>
internal static class CommonOptions
{
    public static Option<string?> ReportDir() => new Option<string?>("--report-dir", "-r")
    {
        Description = "Folder for report.md, report.html, report.json and junit.xml (default: artifacts/mlops-gates, or reports.dir of the gates file).",
    }.WritesFolder();

    public static Option<Severity?> FailOn() => new("--fail-on")
    {
        HelpName = "error|warning",
        Description = "Exit 1 on failed checks of this severity or worse: error (default) or warning.",
        CustomParser = r => r.Tokens.Count == 0 ? null : r.Tokens[0].Value.ToLowerInvariant() switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            var other => Fail(r, $"--fail-on must be error or warning, not '{other}'"),
        },
    };

    public static Option<LogFormat> LogFormat() => new("--log-format")
    {
        Description = "How findings are printed: text (relative paths) or msbuild (full paths, for MSBuild and IDEs).",
        DefaultValueFactory = _ => Cli.LogFormat.Text,
    };

    public static Option<string?> Ci() => new("--ci")
    {
        Description = "Report to a CI: auto (default: GitHub Actions when GITHUB_ACTIONS is set, Azure Pipelines when TF_BUILD is), github, azure or none.",
    };

    public static Option<bool> NoProgress() => new("--no-progress")
    {
        Description = "Print no progress on standard error.",
    };

    private static Severity? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
