using System.Globalization;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Drift;

/// <summary>
/// Date-time columns in drift. Between two periods the time axis itself always differs, so the raw column is reported
/// as the time axis (its range on each side) and not tested, as Evidently keeps its datetime column out of drift; what is
/// tested instead are the cycles inside it, where a real shift shows (a service that moved to nights): hour of day, day
/// of week and month, each only when both sides cover a whole cycle of it (a day, a week, a year; 95% of it is enough), so that a
/// January-against-February comparison never drifts on the month alone.
/// </summary>
public static class DateTimeColumns
{
    /// <summary>Shorter texts are not taken for date-times (a month name, "10:30"); ISO dates are 10 characters.</summary>
    private const int MinimumLength = 8;

    /// <summary>The time axis and the cycles tested in its place; null when a value of either side does not parse (the first that does not ends the look).</summary>
    public static DerivedColumns? Derive(ColumnSample reference, ColumnSample current)
    {
        if (Read(reference) is not { } r || Read(current) is not { } c)
        {
            return null;
        }

        var name = reference.Name;
        var withTime = r.WithTime || c.WithTime;
        var features = new List<(ColumnSample, ColumnSample)>();
        var tested = new List<string>();
        var skipped = new List<string>();
        void Cycle(string feature, bool applies, TimeSpan length, Func<DateTimeOffset, string> key, string why)
        {
            if (!applies)
            {
                return;
            }

            // 95% of the cycle: a day's data from 00:03 to 23:59 covers the day.
            if (r.Span < length * 0.95 || c.Span < length * 0.95)
            {
                skipped.Add($"{feature} ({why})");
                return;
            }

            features.Add((DerivedColumns.Categories($"{name}.{feature}", r.Counts(key), reference.Missing), DerivedColumns.Categories($"{name}.{feature}", c.Counts(key), current.Missing)));
            tested.Add($"{name}.{feature}");
        }

        Cycle("hour", withTime, TimeSpan.FromDays(1), v => v.Hour.ToString("00", CultureInfo.InvariantCulture), "a side spans less than a day");
        Cycle("weekday", true, TimeSpan.FromDays(7), v => Weekday(v.DayOfWeek), "a side spans less than a week");
        Cycle("month", true, TimeSpan.FromDays(365), v => v.Month.ToString("00", CultureInfo.InvariantCulture), "a side spans less than a year");
        var note = $"date-time, the time axis: reference {Format(r.First)} to {Format(r.Last)}, current {Format(c.First)} to {Format(c.Last)}; "
            + (tested.Count > 0 ? $"tested as {string.Join(", ", tested)}" : "no cycle it covers on both sides to test")
            + (skipped.Count > 0 ? $"; not {string.Join(", ", skipped)}" : string.Empty);
        var source = ColumnDriftResult.Untested(reference, current, "datetime", note) with { UniqueValues = reference.Categories.Keys.Union(current.Categories.Keys).LongCount() };
        return new DerivedColumns(source, features);
    }

    /// <summary>ISO weekday first, so the chart reads Monday to Sunday.</summary>
    private static string Weekday(DayOfWeek day) => $"{(day == DayOfWeek.Sunday ? 7 : (int)day)} {day}";

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether a value is a date-time by the <c>type</c> check's rules (ISO 8601 and the invariant culture's forms), and at least 8 characters with a digit.</summary>
    public static bool Parses(string text, out DateTimeOffset value)
    {
        value = default;
        return text.Length >= MinimumLength && text.Any(char.IsAsciiDigit) && DateTimes.TryParse(text, null, out value);
    }

    private static Side? Read(ColumnSample sample)
    {
        if (sample.IsNumeric || !sample.HasCategories)
        {
            return null;
        }

        var values = new List<(DateTimeOffset Value, long Count)>(sample.Categories.Count);
        foreach (var (text, count) in sample.Categories)
        {
            if (!Parses(text, out var value))
            {
                return null;
            }

            values.Add((value, count));
        }

        return values.Count == 0 ? null : new Side(values);
    }

    private sealed class Side(List<(DateTimeOffset Value, long Count)> values)
    {
        public DateTimeOffset First { get; } = values.Min(v => v.Value);

        public DateTimeOffset Last { get; } = values.Max(v => v.Value);

        public TimeSpan Span => Last - First;

        public bool WithTime { get; } = values.Any(v => v.Value.TimeOfDay != TimeSpan.Zero);

        public Dictionary<string, long> Counts(Func<DateTimeOffset, string> key)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (value, count) in values)
            {
                var k = key(value);
                counts[k] = counts.GetValueOrDefault(k) + count;
            }

            return counts;
        }
    }
}
