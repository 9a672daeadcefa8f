using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace MlOps.Gates.Quality;

/// <summary>Durations as people write them in config: <c>36h</c>, <c>2d</c>, <c>90m</c>, <c>1w</c> or ISO 8601 <c>P1DT12H</c>.</summary>
public static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var match = Short().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            value = match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(amount * 7),
            };
            return true;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            value = default;
            return false;
        }
    }

    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        if (value.TotalDays >= 1)
        {
            return value.TotalDays.ToString("0.##", CultureInfo.InvariantCulture) + "d";
        }

        return value.TotalHours >= 1
            ? value.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + "h"
            : value.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + "m";
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([smhdw])$")]
    private static partial Regex Short();
}
