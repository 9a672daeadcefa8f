using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Quality;

/// <summary>
/// Python's <c>datetime.strptime</c> as a test of whether a text has a format (the C locale): each directive becomes
/// the pattern <c>_strptime</c> gives it, the whole text must match without regard to case, and the fields must make
/// a real date-time (no 30 February, no second 60; a date without a year is in 1900, as Python's default).
/// </summary>
public sealed class Strptime
{
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly Dictionary<char, string> Directives = new()
    {
        ['d'] = @"(?<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])",
        ['f'] = @"(?<f>[0-9]{1,6})",
        ['H'] = @"(?<H>2[0-3]|[0-1]\d|\d)",
        ['I'] = @"(?<I>1[0-2]|0[1-9]|[1-9])",
        ['G'] = @"(?<G>\d\d\d\d)",
        ['j'] = @"(?<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
        ['m'] = @"(?<m>1[0-2]|0[1-9]|[1-9])",
        ['M'] = @"(?<M>[0-5]\d|\d)",
        ['S'] = @"(?<S>6[0-1]|[0-5]\d|\d)",
        ['U'] = @"(?<U>5[0-3]|[0-4]\d|\d)",
        ['W'] = @"(?<W>5[0-3]|[0-4]\d|\d)",
        ['V'] = @"(?<V>5[0-3]|0[1-9]|[1-4]\d|\d)",
        ['w'] = @"(?<w>[0-6])",
        ['u'] = @"(?<u>[1-7])",
        ['y'] = @"(?<y>\d\d)",
        ['Y'] = @"(?<Y>\d\d\d\d)",
        ['z'] = @"(?<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
        ['a'] = $"(?<a>{string.Join('|', Days.Select(d => d[..3]))})",
        ['A'] = $"(?<A>{string.Join('|', Days)})",
        ['b'] = $"(?<b>{string.Join('|', Months.Select(m => m[..3]))})",
        ['B'] = $"(?<B>{string.Join('|', Months)})",
        ['p'] = "(?<p>am|pm)",
        ['Z'] = "(?<Z>utc|gmt)",
        ['%'] = "%",
    };

    /// <summary>The C locale's composite directives, spelled out.</summary>
    private static readonly Dictionary<char, string> Composites = new()
    {
        ['c'] = "%a %b %d %H:%M:%S %Y",
        ['x'] = "%m/%d/%y",
        ['X'] = "%H:%M:%S",
    };

    private readonly Regex _regex;

    private Strptime(Regex regex) => _regex = regex;

    /// <summary>The format as Python reads it, or the reason it cannot be (an unknown directive, a field given twice).</summary>
    public static Strptime Compile(string format)
    {
        foreach (var (key, expansion) in Composites)
        {
            format = format.Replace("%" + key, expansion, StringComparison.Ordinal);
        }

        var pattern = new StringBuilder("^");
        var seen = new HashSet<char>();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '%')
            {
                if (i + 1 >= format.Length)
                {
                    throw new FormatException("stray % at the end of the format");
                }

                var directive = format[++i];
                if (!Directives.TryGetValue(directive, out var regex))
                {
                    throw new FormatException($"'%{directive}' is not a directive Python's strptime knows");
                }

                if (directive != '%' && !seen.Add(directive))
                {
                    throw new FormatException($"'%{directive}' is given twice");
                }

                pattern.Append(regex);
            }
            else if (char.IsWhiteSpace(c))
            {
                pattern.Append(@"\s+");
                while (i + 1 < format.Length && char.IsWhiteSpace(format[i + 1]))
                {
                    i++;
                }
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Strptime(new Regex(pattern.Append(@"\z").ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    public bool Matches(ReadOnlySpan<char> text)
    {
        var match = _regex.Match(text.ToString());
        if (!match.Success)
        {
            return false;
        }

        int? Field(string name) => match.Groups[name] is { Success: true } g ? int.Parse(g.Value.Trim(), CultureInfo.InvariantCulture) : null;
        var year = Field("Y") ?? (Field("y") is { } y ? (y < 69 ? 2000 + y : 1900 + y) : 1900);
        var month = Field("m") ?? Named(match, "b", 3) ?? Named(match, "B", 0) ?? 1;
        var day = Field("d") ?? 1;
        var hour = Field("H") ?? 0;
        if (Field("I") is { } twelve)
        {
            var pm = match.Groups["p"] is { Success: true } p && p.Value.Equals("pm", StringComparison.OrdinalIgnoreCase);
            hour = (twelve % 12) + (pm ? 12 : 0);
        }

        var second = Field("S") ?? 0;
        if (second > 59 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (Field("j") is { } dayOfYear && dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365))
        {
            return false;
        }

        return hour < 24;
    }

    private static int? Named(Match match, string group, int prefix)
    {
        if (match.Groups[group] is not { Success: true } g)
        {
            return null;
        }

        var name = g.Value.ToLowerInvariant();
        return Array.FindIndex(Months, m => prefix == 0 ? m == name : m[..prefix] == name) + 1;
    }
}
