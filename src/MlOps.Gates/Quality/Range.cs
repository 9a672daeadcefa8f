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

    /// <summary>
    /// The smallest and largest values inside, so a loop can test <c>low &lt;= v &amp;&amp; v &lt;= high</c>: a strict end moves to
    /// the next representable double, an open end is an infinity. NaN fails both comparisons, as <see cref="Contains"/> has it.
    /// </summary>
    public (double Low, double High) Bounds() => (
        Min is { } min ? (StrictMin ? Above(min) : min) : double.NegativeInfinity,
        Max is { } max ? (StrictMax ? -Above(-max) : max) : double.PositiveInfinity);

    private static double Above(double value) => double.IsPositiveInfinity(value) ? double.NaN : Math.BitIncrement(value);

    public override string ToString()
    {
        var low = Min is { } min ? $"{(StrictMin ? "(" : "[")}{Format(min)}" : "(-inf";
        var high = Max is { } max ? $"{Format(max)}{(StrictMax ? ")" : "]")}" : "+inf)";
        return $"{low}, {high}";
    }

    public static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
