using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// Prints findings in MSBuild's canonical form, <c>path(line,col): error MLG2005: text</c>, which MSBuild, IDEs and
/// setup-dotnet's problem matcher all read. Paths are relative for people and full for MSBuild. Each finding also goes
/// to the results file, when one is asked for.
/// </summary>
public sealed class FindingWriter(TextWriter output, LogFormat format, string baseDirectory, ResultsFile? results = null)
{
    public void Write(Finding finding)
    {
        results?.Finding(finding, baseDirectory);
        var severity = finding.Severity == Severity.Error ? "error" : "warning";
        var message = OneLine(finding.Message);
        if (finding.Location is { } location)
        {
            output.WriteLine($"{Place(location)}: {severity} {finding.Code}: {message}");
        }
        else
        {
            output.WriteLine(format == LogFormat.MSBuild ? $"mlops-gates : {severity} {finding.Code}: {message}" : $"{severity} {finding.Code}: {message}");
        }
    }

    private string Place(SourceLocation location)
    {
        var file = location.File;
        if (format == LogFormat.MSBuild && !file.StartsWith('(') && !Path.IsPathRooted(file))
        {
            file = Path.GetFullPath(Path.Combine(baseDirectory, file));
        }

        return (location with { File = file }).ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
