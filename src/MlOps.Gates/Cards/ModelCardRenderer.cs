using System.Globalization;
using MlOps.Gates.Registry;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;
using Scriban;
using Scriban.Runtime;

namespace MlOps.Gates.Cards;

/// <summary>
/// Renders a registered version's model card through a Scriban template, the built-in <c>card.md</c> or
/// <c>card.html</c> or the user's own: the version's record (lineage, datasets, gates, environment), its card facts
/// (the gates file's card section, metrics with intervals and slices) and its alias history from the audit log.
/// Templates get the report templates' functions, escaping included; every value a record holds is untrusted.
/// </summary>
public static class ModelCardRenderer
{
    public static readonly IReadOnlyList<string> Formats = ["md", "html"];

    public static string Render(ModelVersion version, IReadOnlyList<AuditEntry> audit, string format, string? templatePath = null)
    {
        var (text, origin) = templatePath is null ? BuiltIn(format) : User(templatePath);
        var template = Template.Parse(text, origin);
        var facts = version.Card ?? new CardFacts();
        var card = facts.Card ?? new ModelCardSection();
        var globals = new ScriptObject();
        TemplateFunctions.Import(globals);
        // Scriban's .size is empty for a read-only dictionary: params, metrics and environment are those.
        globals.Import("any", new Func<System.Collections.IEnumerable?, bool>(items => items?.GetEnumerator().MoveNext() == true));
        globals.Import("utc", new Func<DateTimeOffset, string>(at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        globals["model"] = version;
        globals["card"] = card;
        globals["evaluations"] = facts.Evaluations;
        globals["considerations"] = new List<Section>
        {
            new("Intended use", card.IntendedUse),
            new("Users", card.Users),
            new("Out of scope", card.OutOfScope),
            new("Limitations", card.Limitations),
            new("Tradeoffs", card.Tradeoffs),
            new("Ethical considerations", card.EthicalConsiderations),
            new("References", card.References),
        };
        globals["history"] = audit.Where(e => e.Version == version.Version || e.Previous == version.Version).OrderBy(e => e.Sequence).ToList();
        return TemplateRendering.Render(template, origin, globals);
    }

    private static (string Text, string Origin) BuiltIn(string format)
    {
        if (!Formats.Contains(format))
        {
            throw new GatesInputException(ErrorCodes.BadUsage, $"a model card is md or html, not '{format}'");
        }

        var name = $"MlOps.Gates.Templates.card.{format}.scriban";
        using var stream = typeof(ModelCardRenderer).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing built-in template {name}");
        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), $"(built-in) card.{format}");
    }

    private static (string Text, string Origin) User(string path)
    {
        try
        {
            return (File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"card template not found: {path}", new SourceLocation(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesInputException(ErrorCodes.FileAccess, $"card template {path} cannot be read: {e.Message}", new SourceLocation(path));
        }
    }

    private sealed record Section(string Title, IReadOnlyList<string> Items);
}
