using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MlOps.Gates.Reporting;

/// <summary>
/// Finds templates for <c>include</c>: the user's folder first, then the ones embedded in the engine, then those a gate
/// kind supplies for its own section (<c>gate-TYPE.md</c>, <c>gate-TYPE.html</c>).
/// </summary>
internal sealed class TemplateLoader(string? userDirectory, IReadOnlyList<Kinds.IGateKind> kinds) : ITemplateLoader
{
    private const string ResourcePrefix = "MlOps.Gates.Templates.";

    private const string KindPrefix = "kind:";

    /// <summary>
    /// The template of a gate's section in a report of <paramref name="format"/>: its type's own
    /// (<c>gate-drift.md</c>), or the generic one of checks (<c>gate-checks.md</c>).
    /// </summary>
    public string GateSection(Results.GateResult gate, string format)
    {
        if (gate.Shadow is not null)
        {
            return $"gate-shadow.{format}";
        }

        if (gate.Type == Config.EvaluateGate.TypeName && gate.Evaluation is null)
        {
            // An evaluate gate that could not evaluate (a shadow comparison with no baseline yet): its checks say why.
            return $"gate-checks.{format}";
        }

        var own = $"gate-{gate.Type}.{format}";
        return gate.Type.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && Exists(own) ? own : $"gate-checks.{format}";
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var name = Path.GetFileName(templateName);
        if (!name.EndsWith(".scriban", StringComparison.Ordinal))
        {
            name += ".scriban";
        }

        if (userDirectory is not null && File.Exists(Path.Combine(userDirectory, name)))
        {
            return Path.Combine(userDirectory, name);
        }

        if (typeof(TemplateLoader).Assembly.GetManifestResourceInfo(ResourcePrefix + name) is null
            && kinds.Any(k => k.ReportTemplate(name[..^".scriban".Length]) is not null))
        {
            return KindPrefix + name[..^".scriban".Length];
        }

        return ResourcePrefix + name;
    }

    private bool Exists(string name)
    {
        var path = GetPath(null!, default, name);
        return !path.StartsWith(ResourcePrefix, StringComparison.Ordinal) || typeof(TemplateLoader).Assembly.GetManifestResourceInfo(path) is not null;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Read(templatePath));

    /// <summary>Whether the user's folder replaces the template of this name.</summary>
    public bool IsUserTemplate(string name) => !GetPath(null!, default, name).StartsWith(ResourcePrefix, StringComparison.Ordinal);

    /// <summary>The text of a template by name or path, and where it came from.</summary>
    public (string Text, string Origin) Find(string name)
    {
        var path = GetPath(null!, default, name);
        return (Read(path), path.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? $"(built-in) {name}" : path.StartsWith(KindPrefix, StringComparison.Ordinal) ? $"(gate kind) {name}" : path);
    }

    private string Read(string path)
    {
        if (path.StartsWith(KindPrefix, StringComparison.Ordinal))
        {
            return kinds.Select(k => k.ReportTemplate(path[KindPrefix.Length..])).First(t => t is not null)!;
        }

        if (path.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            using var stream = typeof(TemplateLoader).Assembly.GetManifestResourceStream(path)
                ?? throw new GatesInputException(ErrorCodes.TemplateError, $"no template named '{path[ResourcePrefix.Length..]}'");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        return File.ReadAllText(path);
    }
}
