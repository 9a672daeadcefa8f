using System.Globalization;
using csFastFloat;

namespace MlOps.Gates.Data;

/// <summary>Invariant-culture number parsing of whole cells: "1x" and " 1" are not numbers.</summary>
public static class Numbers
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if (text.IsEmpty || char.IsWhiteSpace(text[0]))
        {
            value = 0;
            return false;
        }

        if (FastDoubleParser.TryParseDouble(text, out var consumed, out value, NumberStyles.Float, '.') && consumed == text.Length)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>An integer in invariant culture: optional sign and digits, nothing else.</summary>
    public static bool IsInteger(ReadOnlySpan<char> text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
