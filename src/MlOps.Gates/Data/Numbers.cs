using System.Globalization;
using System.Runtime.CompilerServices;
using csFastFloat;

namespace MlOps.Gates.Data;

/// <summary>Invariant-culture number parsing of whole cells: "1x" and " 1" are not numbers.</summary>
public static class Numbers
{
    /// <summary>Powers of ten that a double holds exactly, as far as the fast path needs them.</summary>
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>Digits the fast path takes: 10^15 is below 2^53, so any 15 digits are an exact double.</summary>
    private const int MaxDigits = 15;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if (TryParsePlainDecimal(text, out value))
        {
            return true;
        }

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

    /// <summary>
    /// The common case in data files, "-12.375": an optional minus, digits, a point and digits, 15 digits in all at
    /// most. Both the digits as an integer and the power of ten are then exact doubles, so one division gives the
    /// correctly rounded value (Clinger's fast path), the same double any correct parser returns. Anything else is left
    /// to the full parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            i = 1;
        }

        var integerStart = i;
        ulong digits = 0;
        while (i < text.Length && (uint)(text[i] - '0') <= 9 && i - integerStart < MaxDigits)
        {
            digits = (digits * 10) + (uint)(text[i] - '0');
            i++;
        }

        var integerDigits = i - integerStart;
        if (integerDigits == 0)
        {
            return false;
        }

        var decimals = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9 && integerDigits + (i - fractionStart) < MaxDigits)
            {
                digits = (digits * 10) + (uint)(text[i] - '0');
                i++;
            }

            decimals = i - fractionStart;
            if (decimals == 0)
            {
                return false;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        // At most 15 digits, so below 2^53, and so at most 15 decimals: both exact.
        value = decimals == 0 ? digits : digits / ExactPowersOfTen[decimals];
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
