using System.Globalization;

namespace MlOps.Gates.Quality;

/// <summary>
/// A closed or open interval with optional ends, as Great Expectations' <c>min_value</c>, <c>max_value</c>,
/// <c>strict_min</c> and <c>strict_max</c> describe one.
/// </summary>
public sealed record Range(double? Min, double? Max, bool StrictMin = false, bool StrictMax = false)
{
    public bool Contains(double value)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        if (Min is { } min && (StrictMin ? value <= min : value < min))
        {
            return false;
        }

        return Max is not { } max || (StrictMax ? value < max : value <= max);
    }

    public override string ToString()
    {
        var low = Min is { } min ? $"{(StrictMin ? "(" : "[")}{Format(min)}" : "(-inf";
        var high = Max is { } max ? $"{Format(max)}{(StrictMax ? ")" : "]")}" : "+inf)";
        return $"{low}, {high}";
    }

    public static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
