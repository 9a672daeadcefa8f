using System.Globalization;

namespace MlOps.Gates.Quality;

/// <summary>Date-time parsing for checks: ISO 8601 by default, a .NET format when given; no offset means UTC.</summary>
public static class DateTimes
{
    public static bool TryParse(ReadOnlySpan<char> text, string? format, out DateTimeOffset value)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return format is null
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out value)
            : DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out value);
    }
}
