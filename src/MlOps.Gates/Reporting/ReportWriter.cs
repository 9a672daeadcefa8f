using System.Text;
using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>Writes the chosen reports of a run into a folder, each file atomically: a reader never sees half a report.</summary>
public static class ReportWriter
{
    /// <summary>
    /// Prepares the templates on another thread while the gates run; a template error is left for
    /// <see cref="Write"/> to report.
    /// </summary>
    public static Task PrepareInBackground(ReportSettings settings) => Task.Run(() =>
    {
        try
        {
            new ReportRenderer(settings.TemplatesDirectory).Prepare();
        }
        catch (Exception e) when (e is GatesInputException or IOException)
        {
        }
    });

    public static IReadOnlyList<string> Write(RunResult run, ReportSettings settings, string directory)
    {
        var renderer = new ReportRenderer(settings.TemplatesDirectory);
        var renders = settings.Formats
            .Distinct(StringComparer.Ordinal)
            .Select(format => Task.Run(() => (File: TemplateNames.OutputFile(format), Text: format == "md" ? renderer.RenderMarkdown(run) : renderer.Render(TemplateNames.ForFormat(format), run))))
            .ToArray();
        var rendered = Task.WhenAll(renders).GetAwaiter().GetResult();
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
