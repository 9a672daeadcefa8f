using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MlOps.Gates.Reporting;

/// <summary>Finds templates for <c>include</c>: the user's folder first, then the ones embedded in the engine.</summary>
internal sealed class TemplateLoader(string? userDirectory) : ITemplateLoader
{
    private const string ResourcePrefix = "MlOps.Gates.Templates.";

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

        return ResourcePrefix + name;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Read(templatePath));

    /// <summary>Whether the user's folder replaces the template of this name.</summary>
    public bool IsUserTemplate(string name) => !GetPath(null!, default, name).StartsWith(ResourcePrefix, StringComparison.Ordinal);

    /// <summary>The text of a template by name or path, and where it came from.</summary>
    public (string Text, string Origin) Find(string name)
    {
        var path = GetPath(null!, default, name);
        return (Read(path), path.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? $"(built-in) {name}" : path);
    }

    private static string Read(string path)
    {
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
