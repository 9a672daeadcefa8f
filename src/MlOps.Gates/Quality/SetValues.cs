using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// How the set expectations compare values, as Python compares the values pandas reads: numbers as numbers when every
/// value of the set is one (1, 1.0 and 1e0 are one value), date-times as instants with
/// <c>parse_strings_as_datetimes</c>, else exact text. A value's key is what it is compared by; its observed form is
/// what a report shows (a number, an ISO 8601 instant, the text).
/// </summary>
public sealed class SetValues
{
    private readonly bool _numeric;
    private readonly bool _dates;

    public SetValues(IReadOnlyList<string> set, bool dates)
    {
        _dates = dates;
        _numeric = !dates && set.Count > 0 && set.All(v => Numbers.TryParse(v, out _));
        Keys = set.Select(v => Key(v.AsSpan()).Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The set's values as keys.</summary>
    public IReadOnlySet<string> Keys { get; }

    public (string Key, object Observed) Key(string text) => Key(text.AsSpan());

    public (string Key, object Observed) Key(ReadOnlySpan<char> text)
    {
        if (_numeric && Numbers.TryParse(text, out var number))
        {
            return ("n:" + Numbers.Format(number), number);
        }

        if (_dates && DateTimes.TryParse(text, null, out var moment))
        {
            var iso = moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
            return ("d:" + iso, iso);
        }

        var value = text.ToString();
        return ("t:" + value, value);
    }

    /// <summary>Observed values in the order Python sorts them: numbers, then texts by code point.</summary>
    public static List<object> Sorted(IEnumerable<object> values) =>
        [.. values.OrderBy(v => v is double ? 0 : 1).ThenBy(v => v is double d ? d : 0).ThenBy(v => v as string, StringComparer.Ordinal)];
}
