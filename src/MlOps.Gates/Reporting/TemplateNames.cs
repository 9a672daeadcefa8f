namespace MlOps.Gates.Reporting;

/// <summary>The built-in templates; a file of the same name in the user's templates folder replaces one.</summary>
public static class TemplateNames
{
    public const string Markdown = "report.md.scriban";
    public const string Html = "report.html.scriban";
    public const string Json = "report.json.scriban";
    public const string JUnit = "junit.xml.scriban";
    public const string Gx = "gx-validation.json.scriban";

    public static string ForFormat(string format) => format switch
    {
        "md" => Markdown,
        "html" => Html,
        "json" => Json,
        "junit" => JUnit,
        "gx" => Gx,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };

    public static string OutputFile(string format) => format switch
    {
        "md" => "report.md",
        "html" => "report.html",
        "json" => "report.json",
        "junit" => "junit.xml",
        "gx" => "gx-validation.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };
}
