using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>
/// Writes the chosen reports of a run into a folder as one set: every file is written beside its place first, and only
/// when all of them are on disk are they moved in. A full disk or a broken template leaves the previous set whole.
/// </summary>
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
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new GatesInputException(ErrorCodes.ReportWrite, "the report folder is empty; name a folder (--report-dir or reports.dir)");
        }

        var renderer = new ReportRenderer(settings.TemplatesDirectory);
        var renders = settings.Formats
            .Distinct(StringComparer.Ordinal)
            .Select(format => Task.Run(() => (File: TemplateNames.OutputFile(format), Text: format == "md" ? renderer.RenderMarkdown(run) : renderer.Render(TemplateNames.ForFormat(format), run))))
            .ToArray();
        var rendered = Task.WhenAll(renders).GetAwaiter().GetResult();
        return FileSet.Replace(directory, rendered.Select(r => (r.File, r.Text)).ToList(), "reports");
    }
}
