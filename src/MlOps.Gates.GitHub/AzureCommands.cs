using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.GitHub;

/// <summary>Azure Pipelines logging commands: <c>##vso[task.logissue ...]</c> per finding and the Markdown report as a build summary.</summary>
public static class AzureCommands
{
    public static string Issue(Finding finding, string baseDirectory, string? sourcesDirectory = null)
    {
        var properties = new List<string> { "type=" + (finding.Severity == Severity.Error ? "error" : "warning") };
        if (FindingPlace.Of(finding, baseDirectory, sourcesDirectory) is var (file, line, column))
        {
            properties.Add("sourcepath=" + Escape(file));
            if (line > 0)
            {
                properties.Add("linenumber=" + line.ToString(CultureInfo.InvariantCulture));
            }

            if (column > 0)
            {
                properties.Add("columnnumber=" + column.ToString(CultureInfo.InvariantCulture));
            }
        }

        properties.Add("code=" + finding.Code);
        return $"##vso[task.logissue {string.Join(';', properties)}]{Escape(finding.Message)}";
    }

    public static string UploadSummary(string markdownPath) => $"##vso[task.uploadsummary]{markdownPath}";

    /// <summary>Azure's escaping: %, CR, LF, ';' and ']' would end the command.</summary>
    public static string Escape(string value) =>
        value.Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal)
            .Replace(";", "%3B", StringComparison.Ordinal)
            .Replace("]", "%5D", StringComparison.Ordinal);
}
