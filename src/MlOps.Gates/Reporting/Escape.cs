using System.Globalization;
using System.Text;

namespace MlOps.Gates.Reporting;

/// <summary>
/// Escaping of data values for each report format. Data is never trusted: a category named <c>&lt;script&gt;</c>,
/// a pipe in a table cell or an <c>@mention</c> in a PR comment must show as text and do nothing.
/// </summary>
public static class Escape
{
    /// <summary>Text safe inside a Markdown table cell or paragraph: no markup, no HTML, no mentions, one line.</summary>
    public static string Markdown(object? value) => Replace(Text(value), c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '@' => "&#64;",
        '|' => "&#124;",
        '\r' => string.Empty,
        '\n' => "<br>",
        '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!' or '$' => "\\" + c,
        _ when char.IsControl(c) => " ",
        _ => null,
    });

    /// <summary>Text safe in HTML element content and quoted attributes.</summary>
    public static string Html(object? value) => System.Net.WebUtility.HtmlEncode(Text(value));

    /// <summary>Text safe in XML content and attributes, with characters XML 1.0 forbids removed.</summary>
    public static string Xml(object? value) => Replace(Text(value), c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&apos;",
        '\t' or '\n' or '\r' => null,
        _ when c < 0x20 || c is (char)0xFFFE or (char)0xFFFF => string.Empty,
        _ => null,
    });

    /// <summary>Invariant text for any value: numbers round-trip, null is empty.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Copies text, putting each character's replacement in its place; null keeps the character.</summary>
    private static string Replace(string text, Func<char, string?> replacement)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (replacement(c) is { } replaced)
            {
                builder.Append(replaced);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
