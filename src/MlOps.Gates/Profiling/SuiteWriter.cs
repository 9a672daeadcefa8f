using System.Globalization;
using MlOps.Gates.Quality;
using YamlDotNet.Serialization;

namespace MlOps.Gates.Profiling;

/// <summary>
/// Turns a profile into a starter suite, as one would start from Great Expectations' or TFDV's inferred schema:
/// the column list, row count, types, null-ness, numeric ranges widened by a margin, value sets for low-cardinality
/// text, and uniqueness where every value was distinct. A person reviews it before it guards anything.
/// </summary>
public static class SuiteWriter
{
    public static string Write(DatasetProfile profile, ProfileOptions options)
    {
        var checks = Checks(profile, options);
        var suite = new Dictionary<string, object>
        {
            ["name"] = profile.Name,
            ["checks"] = checks,
        };
        var yaml = new SerializerBuilder().DisableAliases().Build().Serialize(suite);
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"# Inferred by mlops-gates profile from {profile.DisplayPath} ({profile.Rows} rows). Review every check before relying on it.\n");
        return header + yaml;
    }

    /// <summary>The suite's checks as this tool's gates file writes them (<c>expect</c> and its keys).</summary>
    internal static List<Dictionary<string, object>> Checks(DatasetProfile profile, ProfileOptions options)
    {
        var checks = new List<Dictionary<string, object>>
        {
            new() { ["expect"] = "columns_match_list", ["columns"] = profile.Columns.Select(c => c.Name).ToList() },
            new() { ["expect"] = "row_count_between", ["min"] = (long)Math.Floor(profile.Rows * (1 - (5 * options.Margin))), ["max"] = (long)Math.Ceiling(profile.Rows * (1 + (5 * options.Margin))) },
        };
        foreach (var column in profile.Columns)
        {
            checks.AddRange(ColumnChecks(column, options));
        }

        return checks;
    }

    private static IEnumerable<Dictionary<string, object>> ColumnChecks(ColumnProfile column, ProfileOptions options)
    {
        var type = column.InferredType;
        if (type is null)
        {
            yield return new() { ["expect"] = "column_exists", ["column"] = column.Name };
            yield break;
        }

        yield return new() { ["expect"] = "type", ["column"] = column.Name, ["type"] = TypeName(type.Value) };
        if (column.Nulls == 0)
        {
            yield return new() { ["expect"] = "not_null", ["column"] = column.Name };
        }
        else
        {
            var share = (double)column.Nulls / column.Count;
            yield return new() { ["expect"] = "null_share_at_most", ["column"] = column.Name, ["max"] = Round(Math.Min(1, share + options.Margin * Math.Max(share, 0.01) * 10)) };
        }

        if (type is ColumnType.Integer or ColumnType.Float)
        {
            var width = column.Max - column.Min;
            var pad = width == 0 ? Math.Max(Math.Abs(column.Max) * options.Margin, options.Margin) : width * options.Margin;
            var min = column.Min - pad;
            var max = column.Max + pad;
            if (type == ColumnType.Integer)
            {
                min = Math.Floor(min);
                max = Math.Ceiling(max);
                if (column.Min >= 0 && min < 0)
                {
                    min = 0;
                }
            }

            yield return new() { ["expect"] = "between", ["column"] = column.Name, ["min"] = Round(min), ["max"] = Round(max) };
        }

        if (type is ColumnType.String or ColumnType.Boolean && column.Categories is { Count: > 0 } categories && !column.AllDistinct)
        {
            yield return new() { ["expect"] = "in_set", ["column"] = column.Name, ["values"] = categories.Order(StringComparer.Ordinal).ToList() };
        }

        if (column.AllDistinct && type is ColumnType.Integer or ColumnType.String && column.Nulls == 0)
        {
            yield return new() { ["expect"] = "unique", ["column"] = column.Name };
        }

        if (type == ColumnType.String && column.Categories is null)
        {
            yield return new() { ["expect"] = "length_between", ["column"] = column.Name, ["min"] = column.MinLength, ["max"] = (int)Math.Ceiling(column.MaxLength * (1 + options.Margin)) };
        }
    }

    private static string TypeName(ColumnType type) => type switch
    {
        ColumnType.DateTime => "datetime",
        _ => type.ToString().ToLowerInvariant(),
    };

    internal static double Round(double value) => double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
