using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>
/// GitHub Actions workflow commands: <c>::error file=,line=,col=,title=::message</c> with GitHub's escaping of data
/// (<c>%</c>, CR, LF) and of properties (also <c>:</c> and <c>,</c>), so a value cannot end a command or start another.
/// </summary>
public static class WorkflowCommands
{
    public static string Annotation(Finding finding, string baseDirectory, string? workspace = null)
    {
        var kind = finding.Severity == Severity.Error ? "error" : "warning";
        var properties = new List<string>();
        if (FindingPlace.Of(finding, baseDirectory, workspace) is var (file, line, column))
        {
            properties.Add("file=" + Property(file));
            if (line > 0)
            {
                properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
            }

            if (column > 0)
            {
                properties.Add("col=" + column.ToString(CultureInfo.InvariantCulture));
            }
        }

        properties.Add("title=" + Property($"{finding.Code} {finding.Check ?? string.Empty}".Trim()));
        return $"::{kind} {string.Join(',', properties)}::{Data(finding.Message)}";
    }

    public static string Notice(string message) => $"::notice::{Data(message)}";

    public static string Data(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string Property(string value) => Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
