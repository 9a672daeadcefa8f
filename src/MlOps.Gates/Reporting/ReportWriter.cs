using System.Text;
using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>Writes the chosen reports of a run into a folder, each file atomically: a reader never sees half a report.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Write(RunResult run, ReportSettings settings, string directory)
    {
        var renderer = new ReportRenderer(settings.TemplatesDirectory);
        var rendered = settings.Formats
            .Distinct(StringComparer.Ordinal)
            .Select(format => (File: TemplateNames.OutputFile(format), Text: format == "md" ? renderer.RenderMarkdown(run) : renderer.Render(TemplateNames.ForFormat(format), run)))
            .ToList();
        try
        {
            Directory.CreateDirectory(directory);
            var written = new List<string>();
            foreach (var (file, text) in rendered)
            {
                var path = Path.Combine(directory, file);
                AtomicFile.WriteAllText(path, text);
                written.Add(path);
            }

            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesInputException(ErrorCodes.ReportWrite, $"cannot write reports to {directory}: {e.Message}", null, e);
        }
    }
}
