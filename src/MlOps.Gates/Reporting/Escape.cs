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
    public static string Markdown(object? value)
    {
        var text = Text(value);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '@': builder.Append("&#64;"); break;
                case '|': builder.Append("&#124;"); break;
                case '\r': break;
                case '\n': builder.Append("<br>"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!' or '$':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Text safe in HTML element content and quoted attributes.</summary>
    public static string Html(object? value) => System.Net.WebUtility.HtmlEncode(Text(value));

    /// <summary>Text safe in XML content and attributes, with characters XML 1.0 forbids removed.</summary>
    public static string Xml(object? value)
    {
        var text = Text(value);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

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
}
