using System.Globalization;

namespace MlOps.Gates.Registry;

/// <summary>
/// A value longer than one MLflow tag holds, stored over KEY, KEY.2, KEY.3, ... and joined back in order: never cut,
/// so JSON stays JSON.
/// </summary>
internal static class TagParts
{
    public static IEnumerable<KeyValuePair<string, string>> Split(string key, string value, int limit)
    {
        for (var part = 1; part == 1 || (part - 1) * limit < value.Length; part++)
        {
            var start = (part - 1) * limit;
            yield return new(part == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}.{part}"), value.Substring(start, Math.Min(limit, value.Length - start)));
        }
    }

    /// <summary>The joined value, or null when KEY is absent or a part is missing (a value half-written is no value).</summary>
    public static string? Join(IReadOnlyDictionary<string, string> tags, string key)
    {
        if (!tags.TryGetValue(key, out var first))
        {
            return null;
        }

        var parts = new List<string> { first };
        var more = tags.Keys.Count(k => k.StartsWith(key + ".", StringComparison.Ordinal) && int.TryParse(k.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _));
        for (var part = 2; part <= more + 1; part++)
        {
            if (!tags.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"{key}.{part}"), out var piece))
            {
                return null;
            }

            parts.Add(piece);
        }

        return string.Concat(parts);
    }
}
