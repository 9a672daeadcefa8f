using System.Text;
using MlOps.Gates.Results;
using Scriban;
using Scriban.Runtime;

namespace MlOps.Gates.Reporting;

/// <summary>
/// Renders a run through Scriban templates. Templates see the run as <c>run</c> (snake_case members) and get
/// escaping functions for each format: <c>md</c>, <c>html</c>, <c>xml</c>, plus <c>num</c>, <c>pct</c> and <c>icon</c>.
/// </summary>
/// <param name="kinds">Gate kinds whose own report sections (<see cref="Kinds.IGateKind.ReportTemplate"/>) the reports include.</param>
public sealed class ReportRenderer(string? templatesDirectory = null, IReadOnlyList<Kinds.IGateKind>? kinds = null)
{
    /// <summary>GitHub's limit for a PR comment is 65,536 characters; stay below it in bytes.</summary>
    public const int MarkdownBudgetBytes = 65_000;

    private readonly TemplateLoader _loader = new(templatesDirectory, kinds ?? Kinds.GateKinds.Default);

    /// <summary>
    /// A report by template name. report.json and junit.xml are written by code, valid by construction, unless the
    /// user's templates folder replaces them; then the output is checked to parse, so a broken template is an error
    /// rather than a broken file.
    /// </summary>
    public string Render(string templateName, RunResult run, int detail = 3)
    {
        var userTemplate = _loader.IsUserTemplate(templateName);
        switch (templateName)
        {
            case TemplateNames.Json when !userTemplate:
                return ReportJson.Serialize(run) + "\n";
            case TemplateNames.JUnit when !userTemplate:
                return JUnitReport.Write(run);
            case TemplateNames.Gx when !userTemplate:
                return GxValidation.Serialize(run) + "\n";
            case TemplateNames.Gx:
                return Validated(templateName, RenderTemplate(templateName, run, detail), text => System.Text.Json.JsonDocument.Parse(text).Dispose());
            case TemplateNames.Json:
                return Validated(templateName, RenderTemplate(templateName, run, detail), text => System.Text.Json.JsonDocument.Parse(text).Dispose());
            case TemplateNames.JUnit:
                return Validated(templateName, RenderTemplate(templateName, run, detail), text => System.Xml.Linq.XDocument.Parse(text));
            default:
                return RenderTemplate(templateName, run, detail);
        }
    }

    private string Validated(string templateName, string text, Action<string> parse)
    {
        try
        {
            parse(text);
            return text;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException)
        {
            var (_, origin) = _loader.Find(templateName);
            throw new GatesInputException(ErrorCodes.TemplateError, $"template {origin} renders a file that does not parse: {e.Message}", new SourceLocation(origin));
        }
    }

    private string RenderTemplate(string templateName, RunResult run, int detail)
    {
        var (template, origin) = Parse(templateName);
        var globals = new ScriptObject();
        TemplateFunctions.Import(globals);
        globals.Import("metric", new Func<CheckResult, string, string>((c, name) => c.Metrics.TryGetValue(name, out var v) ? Formats.Number(v) : string.Empty));
        globals.Import("location", new Func<SourceLocation?, string>(l => l?.ToString() ?? string.Empty));
        globals.Import("input", new Func<GateResult, string, string>((g, role) => g.Inputs.FirstOrDefault(i => i.Role == role)?.DisplayPath ?? string.Empty));
        globals.Import("gate_section", new Func<GateResult, string, string>(_loader.GateSection));
        globals["run"] = run;
        globals["detail"] = detail;
        globals.Import("report_json", new Func<string>(() => ReportJson.Serialize(run)));
        return TemplateRendering.Render(template, origin, globals, _loader);
    }

    /// <summary>
    /// Parses every template ahead of use, on whatever thread calls it: a front end starts this beside the data pass
    /// so that the second core, idle while checks run, pays for the template engine's start-up.
    /// </summary>
    public void Prepare()
    {
        var sample = SampleRun.Create();
        foreach (var name in new[] { TemplateNames.Markdown, TemplateNames.Html, TemplateNames.Json, TemplateNames.JUnit })
        {
            Render(name, sample);
        }
    }

    private (Template Template, string Origin) Parse(string templateName)
    {
        var (text, origin) = _loader.Find(templateName);
        var template = Parsed.GetOrAdd((origin, text), key => Template.Parse(key.Text, key.Origin));
        return (template, origin);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Origin, string Text), Template> Parsed = new();

    /// <summary>
    /// The Markdown report within the PR-comment budget: less detail step by step, and as a last resort a cut at a
    /// line boundary with a note that says so.
    /// </summary>
    public string RenderMarkdown(RunResult run, int budgetBytes = MarkdownBudgetBytes)
    {
        string text = string.Empty;
        for (var detail = 3; detail >= 0; detail--)
        {
            text = Render(TemplateNames.Markdown, run, detail);
            if (Encoding.UTF8.GetByteCount(text) <= budgetBytes)
            {
                return text;
            }
        }

        return Trim(text, budgetBytes);
    }

    public static string Trim(string text, int budgetBytes)
    {
        const string note = "\n\n> The report was cut to fit; the full report is in report.html and report.json.\n";
        var limit = budgetBytes - Encoding.UTF8.GetByteCount(note);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var line in text.Split('\n'))
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (used + size > limit)
            {
                break;
            }

            builder.Append(line).Append('\n');
            used += size;
        }

        return builder.Append(note).ToString();
    }
}
