using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Quality;

/// <summary>
/// Every data-quality check MlOps.Gates knows, and how each reads its settings from a gates or suite file.
/// Great Expectations' expectation names and kwargs are accepted too, so existing suites carry over.
/// </summary>
public static class CheckCatalog
{
    public static readonly IReadOnlyList<CheckKind> Kinds =
    [
        new("column_exists", "MLG2001", ColumnArity.One, "the column is in the header", "expect_column_to_exist"),
        new("columns_match_set", "MLG2002", ColumnArity.Many, "the header has these columns in any order", "expect_table_columns_to_match_set"),
        new("columns_match_list", "MLG2003", ColumnArity.Many, "the header has these columns in this order", "expect_table_columns_to_match_ordered_list"),
        new("type", "MLG2004", ColumnArity.One, "values read as integer, float, boolean, string or date-time", "expect_column_values_to_be_of_type"),
        new("not_null", "MLG2005", ColumnArity.One, "values are present", "expect_column_values_to_not_be_null"),
        new("null_share_at_most", "MLG2006", ColumnArity.One, "the share of missing values is at most max"),
        new("unique", "MLG2007", ColumnArity.One, "no value occurs twice", "expect_column_values_to_be_unique"),
        new("compound_unique", "MLG2008", ColumnArity.Many, "no combination of the columns occurs twice", "expect_compound_columns_to_be_unique"),
        new("between", "MLG2009", ColumnArity.One, "values are numbers between min and max", "expect_column_values_to_be_between"),
        new("in_set", "MLG2010", ColumnArity.One, "values are in the set", "expect_column_values_to_be_in_set"),
        new("not_in_set", "MLG2011", ColumnArity.One, "values are not in the set", "expect_column_values_to_not_be_in_set"),
        new("regex", "MLG2012", ColumnArity.One, "values contain a match of the pattern", "expect_column_values_to_match_regex"),
        new("length_between", "MLG2013", ColumnArity.One, "value lengths are between min and max", "expect_column_value_lengths_to_be_between"),
        new("row_count_between", "MLG2014", ColumnArity.None, "the number of rows is between min and max", "expect_table_row_count_to_be_between"),
        new("duplicate_rows_at_most", "MLG2015", ColumnArity.None, "at most max rows repeat an earlier row"),
        new("min_between", "MLG2016", ColumnArity.One, "the minimum is between min and max", "expect_column_min_to_be_between"),
        new("max_between", "MLG2017", ColumnArity.One, "the maximum is between min and max", "expect_column_max_to_be_between"),
        new("mean_between", "MLG2018", ColumnArity.One, "the mean is between min and max", "expect_column_mean_to_be_between"),
        new("median_between", "MLG2019", ColumnArity.One, "the median is between min and max", "expect_column_median_to_be_between"),
        new("stdev_between", "MLG2020", ColumnArity.One, "the sample standard deviation is between min and max", "expect_column_stdev_to_be_between"),
        new("quantile_between", "MLG2021", ColumnArity.One, "quantiles are within their ranges", "expect_column_quantile_values_to_be_between"),
        new("distinct_count_between", "MLG2022", ColumnArity.One, "the number of distinct values is between min and max", "expect_column_unique_value_count_to_be_between"),
        new("category_share_between", "MLG2023", ColumnArity.One, "the share of one value is between min and max"),
        new("freshness", "MLG2024", ColumnArity.One, "the newest date-time is at most max_age old"),
        new("not_match_regex", "MLG2025", ColumnArity.One, "values contain no match of the pattern", "expect_column_values_to_not_match_regex"),
        new("unique_within_record", "MLG2026", ColumnArity.Many, "in each row the columns hold different values", "expect_select_column_values_to_be_unique_within_record"),
    ];

    private static readonly Dictionary<string, CheckKind> ByName = Kinds
        .SelectMany(k => k.GreatExpectationsNames.Prepend(k.Name).Select(n => (n, k)))
        .ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);

    private static readonly Dictionary<string, IgnoreRowIf> IgnoreRows = new(StringComparer.Ordinal)
    {
        ["all_values_are_missing"] = IgnoreRowIf.AllValuesAreMissing,
        ["any_value_is_missing"] = IgnoreRowIf.AnyValueIsMissing,
        ["never"] = IgnoreRowIf.Never,
    };

    private static readonly Dictionary<string, Severity> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = Severity.Error,
        ["warning"] = Severity.Warning,
        ["critical"] = Severity.Error,
        ["warn"] = Severity.Warning,
    };

    private static readonly Dictionary<string, ColumnType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["integer"] = ColumnType.Integer,
        ["int"] = ColumnType.Integer,
        ["int64"] = ColumnType.Integer,
        ["long"] = ColumnType.Integer,
        ["float"] = ColumnType.Float,
        ["float64"] = ColumnType.Float,
        ["double"] = ColumnType.Float,
        ["number"] = ColumnType.Float,
        ["boolean"] = ColumnType.Boolean,
        ["bool"] = ColumnType.Boolean,
        ["string"] = ColumnType.String,
        ["str"] = ColumnType.String,
        ["object"] = ColumnType.String,
        ["date-time"] = ColumnType.DateTime,
        ["datetime"] = ColumnType.DateTime,
        ["datetime64"] = ColumnType.DateTime,
        ["timestamp"] = ColumnType.DateTime,
    };

    public static CheckKind? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Reads one check: either <c>expect: KIND</c> with its settings beside it, or Great Expectations'
    /// <c>expectation_type</c> with <c>kwargs</c>. Returns null after reporting what is wrong.
    /// </summary>
    internal static CheckDefinition? Parse(YamlNode node, ConfigDiagnostics diagnostics, string context)
    {
        var outer = YamlMap.From(node, diagnostics, context);
        if (outer is null)
        {
            return null;
        }

        var ge = outer.Has("expectation_type");
        var kindName = ge ? outer.String("expectation_type", required: true) : outer.String("expect", required: true, "check");
        var settings = ge ? outer.Map("kwargs") ?? outer : outer;
        var kindNode = ge ? outer.Get("expectation_type") : outer.Get("expect", "check");
        if (kindName is null)
        {
            return null;
        }

        var kind = Find(kindName);
        if (kind is null)
        {
            var near = Suggest.Nearest(kindName, Kinds.Select(k => k.Name));
            diagnostics.Error(ErrorCodes.UnknownReference, $"{context}: unknown check '{kindName}'{(near is null ? "; see the README for the list" : $"; did you mean '{near}'?")}", kindNode!);
            return null;
        }

        var errorsBefore = diagnostics.Errors.Count;
        var columns = ReadColumns(kind, settings, context, diagnostics);
        var severity = outer.Choice("severity", Severities) ?? (ge ? settings.Choice("severity", Severities) : null) ?? Severity.Error;
        var mostly = settings.Double("mostly");
        if (mostly is < 0 or > 1)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'mostly' must be between 0 and 1", settings.Get("mostly")!);
        }

        var id = outer.String("id");
        var note = outer.String("note", false, "description");
        outer.Allow("meta");
        settings.Allow("result_format", "catch_exceptions", "include_config", "meta");
        var spec = new CheckSpec
        {
            Id = id ?? DefaultId(kind, columns),
            Kind = kind.Name,
            Code = kind.Code,
            Severity = severity,
            Mostly = mostly,
            Columns = columns,
            Note = note,
            Location = diagnostics.Declared(node),
            Parameters = Parameters(settings),
        };
        var evaluator = Evaluator(kind, settings, context, diagnostics);
        settings.RejectUnknownKeys();
        if (!ReferenceEquals(settings, outer))
        {
            outer.Allow("kwargs");
            outer.RejectUnknownKeys();
        }

        return diagnostics.Errors.Count > errorsBefore || evaluator is null ? null : new CheckDefinition(spec, evaluator);
    }

    /// <summary>Reads the kind's settings now, so errors point at the gates file; the evaluator captures what was read.</summary>
    private static Func<CheckSpec, Check>? Evaluator(CheckKind kind, YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        switch (kind.Name)
        {
            case "column_exists":
                return spec => new ColumnExistsCheck(spec);
            case "columns_match_set":
                var exactMatch = s.Bool("exact_match") ?? true;
                return spec => new ColumnsMatchCheck(spec, ordered: false, exactMatch: exactMatch);
            case "columns_match_list":
                return spec => new ColumnsMatchCheck(spec, ordered: true, exactMatch: true);
            case "type":
                return ReadType(s);
            case "not_null":
                return spec => new NotNullCheck(spec);
            case "null_share_at_most":
                var share = Share(s, "max", context, diagnostics) ?? 0;
                return spec => new NullShareCheck(spec, share);
            case "unique" or "compound_unique":
                return spec => new UniqueCheck(spec);
            case "between":
                var between = ReadRange(s, context, diagnostics);
                return spec => new BetweenCheck(spec, between);
            case "in_set" or "not_in_set":
                var values = s.StringList("values", required: true, "value_set") ?? [];
                var inSet = kind.Name == "in_set";
                return spec => new SetCheck(spec, values, inSet);
            case "regex" or "not_match_regex":
                return ReadRegex(s, kind.Name == "not_match_regex", context, diagnostics);
            case "length_between":
                var lengths = ReadRange(s, context, diagnostics);
                return spec => new LengthCheck(spec, lengths);
            case "row_count_between":
                var rows = ReadRange(s, context, diagnostics);
                return spec => new RowCountCheck(spec, rows);
            case "duplicate_rows_at_most":
                return ReadDuplicates(s, context, diagnostics);
            case "min_between" or "max_between" or "mean_between" or "median_between" or "stdev_between":
                var statistic = kind.Name switch
                {
                    "min_between" => Statistic.Min,
                    "max_between" => Statistic.Max,
                    "mean_between" => Statistic.Mean,
                    "median_between" => Statistic.Median,
                    _ => Statistic.StandardDeviation,
                };
                var bounds = ReadRange(s, context, diagnostics);
                return spec => new ColumnStatisticCheck(spec, statistic, bounds);
            case "quantile_between":
                return ReadQuantiles(s, context, diagnostics);
            case "distinct_count_between":
                var distinct = ReadRange(s, context, diagnostics);
                return spec => new DistinctCountCheck(spec, distinct);
            case "category_share_between":
                var value = s.String("value", required: true) ?? string.Empty;
                var categoryShare = ReadRange(s, context, diagnostics);
                return spec => new CategoryShareCheck(spec, value, categoryShare);
            case "freshness":
                return ReadFreshness(s, context, diagnostics);
            case "unique_within_record":
                var ignore = s.Choice("ignore_row_if", IgnoreRows) ?? IgnoreRowIf.AllValuesAreMissing;
                return spec => new UniqueWithinRecordCheck(spec, ignore);
            default:
                return null;
        }
    }

    private static IReadOnlyList<string> ReadColumns(CheckKind kind, YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        switch (kind.Columns)
        {
            case ColumnArity.One:
                var column = s.String("column", required: true);
                return column is null ? [] : [column];
            case ColumnArity.Many:
                var columns = s.StringList("columns", required: true, "column_list");
                if (columns is { Count: 0 })
                {
                    diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'columns' must name at least one column", s.Node);
                }

                return columns ?? [];
            default:
                return [];
        }
    }

    private static string DefaultId(CheckKind kind, IReadOnlyList<string> columns) =>
        columns.Count == 0 ? kind.Name : $"{kind.Name}({string.Join(",", columns)})";

    private static Dictionary<string, object?> Parameters(YamlMap s)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in s.Keys)
        {
            if (key is "expect" or "check" or "column" or "columns" or "id" or "severity" or "note" or "description" or "meta" or "result_format" or "catch_exceptions" or "include_config")
            {
                continue;
            }

            var node = s.Node.Children[new YamlScalarNode(key)];
            parameters[key] = node switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlSequenceNode sequence => string.Join(", ", sequence.Children.Select(c => c is YamlScalarNode v ? v.Value : c.ToString())),
                _ => node.ToString(),
            };
        }

        return parameters;
    }

    /// <summary>Reads min/max bounds (Great Expectations' min_value/max_value accepted) and strict_min/strict_max.</summary>
    private static Range ReadRange(YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        var min = s.Double("min", false, "min_value");
        var max = s.Double("max", false, "max_value");
        var strictMin = s.Bool("strict_min") ?? false;
        var strictMax = s.Bool("strict_max") ?? false;
        if (min is null && max is null && !s.Has("min", "min_value") && !s.Has("max", "max_value"))
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: give 'min', 'max' or both", s.Node);
        }

        if (min > max)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'min' ({min}) is greater than 'max' ({max})", s.Get("min", "min_value")!);
        }

        return new Range(min, max, strictMin, strictMax);
    }

    private static double? Share(YamlMap s, string key, string context, ConfigDiagnostics diagnostics)
    {
        var value = s.Double(key, required: true);
        if (value is < 0 or > 1)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: '{key}' is a share and must be between 0 and 1", s.Get(key)!);
        }

        return value;
    }

    private static Func<CheckSpec, Check>? ReadType(YamlMap s)
    {
        var type = s.Choice("type", Types, required: true, "type_");
        var format = s.String("format");
        return type is { } known ? spec => new TypeCheck(spec, known, format) : null;
    }

    private static Func<CheckSpec, Check>? ReadRegex(YamlMap s, bool negate, string context, ConfigDiagnostics diagnostics)
    {
        var pattern = s.String("pattern", required: true, "regex");
        if (pattern is null)
        {
            return null;
        }

        try
        {
            // Built once here to reject a bad pattern at its place in the gates file.
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            return spec => new RegexCheck(spec, pattern, negate);
        }
        catch (ArgumentException e)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: invalid regular expression: {e.Message}", s.Get("pattern", "regex")!);
            return null;
        }
    }

    private static Func<CheckSpec, Check>? ReadDuplicates(YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        var max = s.Long("max");
        var share = s.Has("max_share") ? Share(s, "max_share", context, diagnostics) : null;
        if (max is null && share is null)
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: give 'max' (a count) or 'max_share'", s.Node);
            return null;
        }

        return spec => new DuplicateRowsCheck(spec, max, share);
    }

    private static Func<CheckSpec, Check>? ReadQuantiles(YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        var linear = s.Choice("interpolation", new Dictionary<string, bool> { ["nearest"] = false, ["linear"] = true }) ?? false;
        s.Allow("allow_relative_error");
        var bounds = new List<QuantileBound>();
        if (s.Map("quantile_ranges") is { } ranges)
        {
            var quantiles = ranges.StringList("quantiles", required: true) ?? [];
            var valueRanges = ranges.Sequence("value_ranges", required: true);
            ranges.RejectUnknownKeys();
            if (valueRanges is null || valueRanges.Children.Count != quantiles.Count)
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'quantile_ranges' needs one value range per quantile", ranges.Node);
                return null;
            }

            for (var i = 0; i < quantiles.Count; i++)
            {
                var pair = ranges.ReadStringList(valueRanges.Children[i], "value_ranges");
                if (pair is not { Count: 2 } || !TryQuantile(quantiles[i], out var q))
                {
                    diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: each value range is [min, max] and each quantile a number in [0, 1]", valueRanges.Children[i]);
                    return null;
                }

                bounds.Add(new QuantileBound(q, new Range(NumberOrNull(pair[0]), NumberOrNull(pair[1]))));
            }
        }
        else
        {
            var q = s.Double("quantile", required: true);
            if (q is < 0 or > 1)
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'quantile' must be between 0 and 1", s.Get("quantile")!);
            }

            bounds.Add(new QuantileBound(q ?? 0.5, ReadRange(s, context, diagnostics)));
        }

        return spec => new ColumnStatisticCheck(spec, Statistic.Quantile, null, bounds, linear);
    }

    private static Func<CheckSpec, Check>? ReadFreshness(YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        var text = s.String("max_age", required: true);
        var format = s.String("format");
        if (text is null)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var maxAge) || maxAge <= TimeSpan.Zero)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'max_age' must be a duration such as 36h, 2d or P1DT12H; got '{text}'", s.Get("max_age")!);
            return null;
        }

        return spec => new FreshnessCheck(spec, maxAge, format);
    }

    private static bool TryQuantile(string text, out double q) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out q) && q is >= 0 and <= 1;

    private static double? NumberOrNull(string text) =>
        text is "" or "null" or "~" ? null : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
