namespace MlOps.Gates.Config;

/// <summary>Where reports go, which are written, and an optional folder of templates that override the built-in ones.</summary>
public sealed record ReportSettings
{
    public static readonly IReadOnlyList<string> AllFormats = ["md", "html", "json", "junit"];

    /// <summary>Every format a gates file may ask for: the default ones and Great Expectations' validation result (<c>gx</c>).</summary>
    public static readonly IReadOnlyList<string> KnownFormats = [.. AllFormats, "gx"];

    public string Directory { get; init; } = Path.Combine("artifacts", "mlops-gates");

    public IReadOnlyList<string> Formats { get; init; } = AllFormats;

    public string? TemplatesDirectory { get; init; }
}
