using System.Globalization;

namespace MlOps.Gates.Quality;

/// <summary>
/// Whether python-dateutil's <c>parser.parse</c> would read a text as a date-time, for the forms data holds: what the
/// invariant culture parses (ISO 8601, "01/05/2024", "Jan 5, 2024", "5 January 2024 10:30 PM", "10:30"), and runs of
/// digits dateutil reads as dates (YYYYMMDD, YYMMDD, YYYYMMDDhhmm[ss], a year of four digits, a day of one or two).
/// dateutil reads more (fuzzy words, "5th of May"); those are unexpected here.
/// </summary>
public static class Dateutil
{
    private static readonly string[] DigitFormats = ["yyyyMMdd", "yyMMdd", "yyyyMMddHHmm", "yyyyMMddHHmmss"];

    public static bool Parses(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (IsDigits(trimmed))
        {
            return trimmed.Length switch
            {
                1 or 2 => int.Parse(trimmed, CultureInfo.InvariantCulture) is >= 1 and <= 31,
                4 => true,
                _ => DateTime.TryParseExact(trimmed, DigitFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            };
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out _);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
