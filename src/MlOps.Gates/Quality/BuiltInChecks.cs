using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>The check kinds this version ships, each with how it reads its settings; Great Expectations' names included.</summary>
internal static class BuiltInChecks
{
    private static readonly Dictionary<string, IgnoreRowIf> IgnoreRows = new(StringComparer.Ordinal)
    {
        ["all_values_are_missing"] = IgnoreRowIf.AllValuesAreMissing,
        ["any_value_is_missing"] = IgnoreRowIf.AnyValueIsMissing,
        ["never"] = IgnoreRowIf.Never,
    };

    private static readonly Dictionary<string, IgnoreRowIf> IgnorePairs = new(StringComparer.Ordinal)
    {
        ["both_values_are_missing"] = IgnoreRowIf.AllValuesAreMissing,
        ["either_value_is_missing"] = IgnoreRowIf.AnyValueIsMissing,
        ["neither"] = IgnoreRowIf.Never,
    };

    private static readonly Dictionary<string, bool> Interpolations = new(StringComparer.Ordinal)
    {
        ["nearest"] = false,
        ["linear"] = true,
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
        ["datetime64[ns]"] = ColumnType.DateTime,
        ["timestamp"] = ColumnType.DateTime,
    };

    public static IReadOnlyList<CheckKind> Kinds { get; } =
    [
        new("column_exists", "MLG2001", ColumnArity.One, "the column is in the header", _ => spec => new ColumnExistsCheck(spec)) { GreatExpectationsNames = ["expect_column_to_exist"] },
        new("columns_match_set", "MLG2002", ColumnArity.Many, "the header has these columns in any order", ColumnsMatchSet) { GreatExpectationsNames = ["expect_table_columns_to_match_set"] },
        new("columns_match_list", "MLG2003", ColumnArity.Many, "the header has these columns in this order", _ => spec => new ColumnsMatchCheck(spec, ordered: true, exactMatch: true)) { GreatExpectationsNames = ["expect_table_columns_to_match_ordered_list"] },
        new("type", "MLG2004", ColumnArity.One, "values read as integer, float, boolean, string or date-time", ReadType) { GreatExpectationsNames = ["expect_column_values_to_be_of_type"] },
        new("not_null", "MLG2005", ColumnArity.One, "values are present", _ => spec => new NotNullCheck(spec)) { GreatExpectationsNames = ["expect_column_values_to_not_be_null"] },
        new("null_share_at_most", "MLG2006", ColumnArity.One, "the share of missing values is at most max", NullShare),
        new("unique", "MLG2007", ColumnArity.One, "no value occurs twice", _ => spec => new UniqueCheck(spec)) { GreatExpectationsNames = ["expect_column_values_to_be_unique"] },
        new("compound_unique", "MLG2008", ColumnArity.Many, "no combination of the columns occurs twice", _ => spec => new UniqueCheck(spec)) { GreatExpectationsNames = ["expect_compound_columns_to_be_unique"] },
        new("between", "MLG2009", ColumnArity.One, "values are numbers between min and max", Ranged((spec, r) => new BetweenCheck(spec, r))) { GreatExpectationsNames = ["expect_column_values_to_be_between"] },
        new("in_set", "MLG2010", ColumnArity.One, "values are in the set", s => ReadSet(s, inSet: true)) { GreatExpectationsNames = ["expect_column_values_to_be_in_set"] },
        new("not_in_set", "MLG2011", ColumnArity.One, "values are not in the set", s => ReadSet(s, inSet: false)) { GreatExpectationsNames = ["expect_column_values_to_not_be_in_set"] },
        new("regex", "MLG2012", ColumnArity.One, "values contain a match of the pattern", s => ReadRegex(s, negate: false)) { GreatExpectationsNames = ["expect_column_values_to_match_regex"] },
        new("length_between", "MLG2013", ColumnArity.One, "value lengths are between min and max", Ranged((spec, r) => new LengthCheck(spec, r))) { GreatExpectationsNames = ["expect_column_value_lengths_to_be_between"] },
        new("row_count_between", "MLG2014", ColumnArity.None, "the number of rows is between min and max", Ranged((spec, r) => new RowCountCheck(spec, r))) { GreatExpectationsNames = ["expect_table_row_count_to_be_between"] },
        new("duplicate_rows_at_most", "MLG2015", ColumnArity.None, "at most max rows repeat an earlier row", ReadDuplicates),
        new("min_between", "MLG2016", ColumnArity.One, "the minimum is between min and max", Statistic(Quality.Statistic.Min)) { GreatExpectationsNames = ["expect_column_min_to_be_between"] },
        new("max_between", "MLG2017", ColumnArity.One, "the maximum is between min and max", Statistic(Quality.Statistic.Max)) { GreatExpectationsNames = ["expect_column_max_to_be_between"] },
        new("mean_between", "MLG2018", ColumnArity.One, "the mean is between min and max", Statistic(Quality.Statistic.Mean)) { GreatExpectationsNames = ["expect_column_mean_to_be_between"] },
        new("median_between", "MLG2019", ColumnArity.One, "the median is between min and max", Statistic(Quality.Statistic.Median)) { GreatExpectationsNames = ["expect_column_median_to_be_between"] },
        new("stdev_between", "MLG2020", ColumnArity.One, "the sample standard deviation is between min and max", Statistic(Quality.Statistic.StandardDeviation)) { GreatExpectationsNames = ["expect_column_stdev_to_be_between"] },
        new("quantile_between", "MLG2021", ColumnArity.One, "quantiles are within their ranges", ReadQuantiles) { GreatExpectationsNames = ["expect_column_quantile_values_to_be_between"] },
        new("distinct_count_between", "MLG2022", ColumnArity.One, "the number of distinct values is between min and max", Ranged((spec, r) => new DistinctCountCheck(spec, r))) { GreatExpectationsNames = ["expect_column_unique_value_count_to_be_between"] },
        new("category_share_between", "MLG2023", ColumnArity.One, "the share of one value is between min and max", CategoryShare),
        new("freshness", "MLG2024", ColumnArity.One, "the newest date-time is at most max_age old", ReadFreshness),
        new("not_match_regex", "MLG2025", ColumnArity.One, "values contain no match of the pattern", s => ReadRegex(s, negate: true)) { GreatExpectationsNames = ["expect_column_values_to_not_match_regex"] },
        new("unique_within_record", "MLG2026", ColumnArity.Many, "in each row the columns hold different values", UniqueWithinRecord) { GreatExpectationsNames = ["expect_select_column_values_to_be_unique_within_record", "expect_multicolumn_values_to_be_unique"] },
        new("row_count_equal", "MLG2027", ColumnArity.None, "the number of rows is value", Exactly((spec, r) => new RowCountCheck(spec, r))) { GreatExpectationsNames = ["expect_table_row_count_to_equal"] },
        new("column_count_between", "MLG2028", ColumnArity.None, "the number of columns is between min and max", Ranged((spec, r) => new ColumnCountCheck(spec, r))) { GreatExpectationsNames = ["expect_table_column_count_to_be_between"] },
        new("column_count_equal", "MLG2029", ColumnArity.None, "the number of columns is value", Exactly((spec, r) => new ColumnCountCheck(spec, r))) { GreatExpectationsNames = ["expect_table_column_count_to_equal"] },
        new("is_null", "MLG2030", ColumnArity.One, "values are missing", _ => spec => new NullCheck(spec)) { GreatExpectationsNames = ["expect_column_values_to_be_null"] },
        new("length_equal", "MLG2031", ColumnArity.One, "each value's length is value", Exactly((spec, r) => new LengthCheck(spec, r))) { GreatExpectationsNames = ["expect_column_value_lengths_to_equal"] },
        new("unique_share_between", "MLG2033", ColumnArity.One, "the share of distinct values among the present ones is between min and max", Ranged((spec, r) => new DistinctCountCheck(spec, r, share: true))) { GreatExpectationsNames = ["expect_column_proportion_of_unique_values_to_be_between"] },
        new("sum_between", "MLG2032", ColumnArity.One, "the sum is between min and max", Statistic(Quality.Statistic.Sum)) { GreatExpectationsNames = ["expect_column_sum_to_be_between"] },
        new("in_type_list", "MLG2034", ColumnArity.One, "values read as one of the types", ReadTypeList) { GreatExpectationsNames = ["expect_column_values_to_be_in_type_list"] },
        new("json_parseable", "MLG2035", ColumnArity.One, "values are JSON", _ => spec => new JsonParseableCheck(spec)) { GreatExpectationsNames = ["expect_column_values_to_be_json_parseable"] },
        new("json_schema", "MLG2036", ColumnArity.One, "values are JSON the schema accepts", ReadJsonSchema) { GreatExpectationsNames = ["expect_column_values_to_match_json_schema"] },
        new("dateutil_parseable", "MLG2037", ColumnArity.One, "values are date-times python-dateutil reads", _ => spec => new DateutilCheck(spec)) { GreatExpectationsNames = ["expect_column_values_to_be_dateutil_parseable"] },
        new("strftime_format", "MLG2038", ColumnArity.One, "values parse with the strftime format", ReadStrftime) { GreatExpectationsNames = ["expect_column_values_to_match_strftime_format"] },
        new("like", "MLG2039", ColumnArity.One, "values match the SQL LIKE pattern", s => ReadPatterns(s, like: true, list: false, negate: false)) { GreatExpectationsNames = ["expect_column_values_to_match_like_pattern"] },
        new("not_like", "MLG2040", ColumnArity.One, "values do not match the SQL LIKE pattern", s => ReadPatterns(s, like: true, list: false, negate: true)) { GreatExpectationsNames = ["expect_column_values_to_not_match_like_pattern"] },
        new("like_list", "MLG2041", ColumnArity.One, "values match one (or all) of the SQL LIKE patterns", s => ReadPatterns(s, like: true, list: true, negate: false)) { GreatExpectationsNames = ["expect_column_values_to_match_like_pattern_list"] },
        new("not_like_list", "MLG2042", ColumnArity.One, "values match none of the SQL LIKE patterns", s => ReadPatterns(s, like: true, list: true, negate: true)) { GreatExpectationsNames = ["expect_column_values_to_not_match_like_pattern_list"] },
        new("regex_list", "MLG2043", ColumnArity.One, "values contain a match of one (or all) of the patterns", s => ReadPatterns(s, like: false, list: true, negate: false)) { GreatExpectationsNames = ["expect_column_values_to_match_regex_list"] },
        new("not_regex_list", "MLG2044", ColumnArity.One, "values contain a match of none of the patterns", s => ReadPatterns(s, like: false, list: true, negate: true)) { GreatExpectationsNames = ["expect_column_values_to_not_match_regex_list"] },
        new("increasing", "MLG2045", ColumnArity.One, "each value is at least the one before it", s => ReadMonotonic(s, increasing: true)) { GreatExpectationsNames = ["expect_column_values_to_be_increasing"] },
        new("decreasing", "MLG2046", ColumnArity.One, "each value is at most the one before it", s => ReadMonotonic(s, increasing: false)) { GreatExpectationsNames = ["expect_column_values_to_be_decreasing"] },
        new("z_score_below", "MLG2047", ColumnArity.One, "each value's z-score is below threshold", ReadZScore) { GreatExpectationsNames = ["expect_column_value_z_scores_to_be_less_than"] },
        new("distinct_in_set", "MLG2048", ColumnArity.One, "the distinct values are all in the set", s => ReadDistinctSet(s, DistinctSetRule.InSet)) { GreatExpectationsNames = ["expect_column_distinct_values_to_be_in_set"] },
        new("distinct_contain_set", "MLG2049", ColumnArity.One, "the distinct values include every value of the set", s => ReadDistinctSet(s, DistinctSetRule.ContainSet)) { GreatExpectationsNames = ["expect_column_distinct_values_to_contain_set"] },
        new("distinct_equal_set", "MLG2050", ColumnArity.One, "the distinct values are the set", s => ReadDistinctSet(s, DistinctSetRule.EqualSet)) { GreatExpectationsNames = ["expect_column_distinct_values_to_equal_set"] },
        new("most_common_in_set", "MLG2051", ColumnArity.One, "the most common value is in the set", ReadMostCommon) { GreatExpectationsNames = ["expect_column_most_common_value_to_be_in_set"] },
        new("pair_greater", "MLG2052", ColumnArity.Pair, "in each row column A is above column B (or_equal: at least B)", ReadPairGreater) { GreatExpectationsNames = ["expect_column_pair_values_a_to_be_greater_than_b"] },
        new("pair_equal", "MLG2053", ColumnArity.Pair, "in each row column A equals column B", s => ReadPair(s) is { } ignore ? spec => new PairEqualCheck(spec, ignore) : null) { GreatExpectationsNames = ["expect_column_pair_values_to_be_equal"] },
        new("pair_in_set", "MLG2054", ColumnArity.Pair, "each row's (A, B) is one of the pairs", ReadPairInSet) { GreatExpectationsNames = ["expect_column_pair_values_to_be_in_set"] },
        new("pair_cramers_phi_below", "MLG2055", ColumnArity.Pair, "Cramér's V of the two columns is at most threshold", ReadCramersPhi) { GreatExpectationsNames = ["expect_column_pair_cramers_phi_value_to_be_less_than"] },
        new("multicolumn_sum_equal", "MLG2056", ColumnArity.Many, "in each row the columns add up to sum_total", ReadMulticolumnSum) { GreatExpectationsNames = ["expect_multicolumn_sum_to_equal"] },
        new("kl_divergence_below", "MLG2057", ColumnArity.One, "the KL divergence from the partition is at most threshold", ReadKlDivergence) { GreatExpectationsNames = ["expect_column_kl_divergence_to_be_less_than"] },
        new("row_count_equal_other_table", "MLG2058", ColumnArity.None, "the number of rows is another table's", ReadOtherTable) { GreatExpectationsNames = ["expect_table_row_count_to_equal_other_table"] },
    ];

    /// <summary>A count that must equal <c>value</c>: a whole number, at least 0.</summary>
    private static Func<CheckReading, Func<CheckSpec, Check>?> Exactly(Func<CheckSpec, Range, Check> create) => s =>
    {
        var value = s.Long("value", required: true);
        if (value is < 0)
        {
            s.Error(ErrorCodes.InvalidValue, "'value' is a count: 0 or more", "value");
        }

        return value is { } v ? spec => create(spec, new Range(v, v)) : null;
    };

    private static Func<CheckReading, Func<CheckSpec, Check>?> Ranged(Func<CheckSpec, Range, Check> create) => s =>
    {
        var range = s.Range();
        return spec => create(spec, range);
    };

    private static Func<CheckReading, Func<CheckSpec, Check>?> Statistic(Statistic statistic) =>
        Ranged((spec, range) => new ColumnStatisticCheck(spec, statistic, range));

    private static Func<CheckSpec, Check>? ColumnsMatchSet(CheckReading s)
    {
        var exactMatch = s.Bool("exact_match") ?? true;
        return spec => new ColumnsMatchCheck(spec, ordered: false, exactMatch: exactMatch);
    }

    private static Func<CheckSpec, Check>? NullShare(CheckReading s)
    {
        var share = s.Share("max") ?? 0;
        return spec => new NullShareCheck(spec, share);
    }

    private static Func<CheckSpec, Check>? ReadSet(CheckReading s, bool inSet)
    {
        var values = s.StringList("values", required: true, "value_set") ?? [];
        return spec => new SetCheck(spec, values, inSet);
    }

    private static Func<CheckSpec, Check>? CategoryShare(CheckReading s)
    {
        var value = s.String("value", required: true) ?? string.Empty;
        var range = s.Range();
        return spec => new CategoryShareCheck(spec, value, range);
    }

    private static Func<CheckSpec, Check>? UniqueWithinRecord(CheckReading s)
    {
        var ignore = s.Choice("ignore_row_if", IgnoreRows) ?? IgnoreRowIf.AllValuesAreMissing;
        return spec => new UniqueWithinRecordCheck(spec, ignore);
    }

    private static Func<CheckSpec, Check>? ReadType(CheckReading s)
    {
        var type = s.Choice("type", Types, required: true, "type_");
        var format = s.String("format");
        return type is { } known ? spec => new TypeCheck(spec, known, format) : null;
    }

    private static Func<CheckSpec, Check>? ReadRegex(CheckReading s, bool negate)
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
            s.Error(ErrorCodes.InvalidValue, $"invalid regular expression: {e.Message}", "pattern", "regex");
            return null;
        }
    }

    private static Func<CheckSpec, Check>? ReadDuplicates(CheckReading s)
    {
        var max = s.Long("max");
        var share = s.Has("max_share") ? s.Share("max_share") : null;
        if (max is null && share is null)
        {
            s.Error(ErrorCodes.MissingKey, "give 'max' (a count) or 'max_share'");
            return null;
        }

        return spec => new DuplicateRowsCheck(spec, max, share);
    }

    private static Func<CheckSpec, Check>? ReadQuantiles(CheckReading s)
    {
        var linear = s.Choice("interpolation", Interpolations) ?? false;
        s.Allow("allow_relative_error");
        var bounds = new List<QuantileBound>();
        if (s.Settings.Map("quantile_ranges") is { } ranges)
        {
            var quantiles = ranges.StringList("quantiles", required: true) ?? [];
            var valueRanges = ranges.Sequence("value_ranges", required: true);
            ranges.RejectUnknownKeys();
            if (valueRanges is null || valueRanges.Children.Count != quantiles.Count)
            {
                s.Error(ErrorCodes.InvalidValue, "'quantile_ranges' needs one value range per quantile", "quantile_ranges");
                return null;
            }

            for (var i = 0; i < quantiles.Count; i++)
            {
                var pair = ranges.ReadStringList(valueRanges.Children[i], "value_ranges");
                if (pair is not { Count: 2 } || !TryQuantile(quantiles[i], out var q))
                {
                    s.Diagnostics.Error(ErrorCodes.InvalidValue, $"{s.Context}: each value range is [min, max] and each quantile a number in [0, 1]", valueRanges.Children[i]);
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
                s.Error(ErrorCodes.InvalidValue, "'quantile' must be between 0 and 1", "quantile");
            }

            bounds.Add(new QuantileBound(q ?? 0.5, s.Range()));
        }

        return spec => new ColumnStatisticCheck(spec, Quality.Statistic.Quantile, null, bounds, linear);
    }

    private static Func<CheckSpec, Check>? ReadFreshness(CheckReading s)
    {
        var text = s.String("max_age", required: true);
        var format = s.String("format");
        if (text is null)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var maxAge) || maxAge <= TimeSpan.Zero)
        {
            s.Error(ErrorCodes.InvalidValue, $"'max_age' must be a duration such as 36h, 2d or P1DT12H; got '{text}'", "max_age");
            return null;
        }

        return spec => new FreshnessCheck(spec, maxAge, format);
    }

    private static readonly Dictionary<string, bool> MatchOn = new(StringComparer.Ordinal)
    {
        ["any"] = false,
        ["all"] = true,
    };

    private static Func<CheckSpec, Check>? ReadTypeList(CheckReading s)
    {
        var names = s.StringList("types", required: true, "type_list") ?? [];
        var types = new List<ColumnType>();
        foreach (var name in names)
        {
            if (Types.TryGetValue(name, out var type))
            {
                types.Add(type);
            }
            else
            {
                s.Error(ErrorCodes.InvalidValue, $"'{name}' is not a type: use {string.Join(", ", Types.Keys)}", "types", "type_list");
                return null;
            }
        }

        return spec => new TypeListCheck(spec, types);
    }

    private static Func<CheckSpec, Check>? ReadJsonSchema(CheckReading s)
    {
        var node = s.Settings.Get("schema", "json_schema");
        if (node is null)
        {
            s.Error(ErrorCodes.MissingKey, "'schema' (a JSON schema) is required", "schema", "json_schema");
            return null;
        }

        try
        {
            var schema = Json.Schema.JsonSchema.FromText(Config.YamlJson.Convert(node)?.ToJsonString() ?? "true");
            return spec => new JsonSchemaCheck(spec, schema);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Json.Schema.JsonSchemaException or InvalidOperationException or ArgumentException)
        {
            s.Error(ErrorCodes.InvalidValue, $"'schema' is not a JSON schema: {e.Message}", "schema", "json_schema");
            return null;
        }
    }

    private static Func<CheckSpec, Check>? ReadStrftime(CheckReading s)
    {
        var format = s.String("format", required: true, "strftime_format");
        if (format is null)
        {
            return null;
        }

        try
        {
            _ = Strptime.Compile(format);
            return spec => new StrftimeCheck(spec, format);
        }
        catch (FormatException e)
        {
            s.Error(ErrorCodes.InvalidValue, $"'format' is not a strftime format: {e.Message}", "format", "strftime_format");
            return null;
        }
    }

    private static Func<CheckSpec, Check>? ReadPatterns(CheckReading s, bool like, bool list, bool negate)
    {
        var key = list ? "patterns" : "pattern";
        var gxKey = like ? list ? "like_pattern_list" : "like_pattern" : "regex_list";
        IReadOnlyList<string>? patterns = list ? s.StringList(key, required: true, gxKey) : s.String(key, required: true, gxKey) is { } one ? [one] : null;
        var all = list && !negate && (s.Choice("match_on", MatchOn) ?? false);
        if (patterns is null)
        {
            return null;
        }

        if (patterns.Count == 0)
        {
            s.Error(ErrorCodes.InvalidValue, $"'{key}' must give at least one pattern", key, gxKey);
            return null;
        }

        var regexes = like ? patterns.Select(LikePattern.ToRegex).ToList() : patterns.ToList();
        foreach (var regex in regexes)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(regex, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                s.Error(ErrorCodes.InvalidValue, $"invalid regular expression: {e.Message}", key, gxKey);
                return null;
            }
        }

        return spec => new PatternListCheck(spec, patterns, regexes, like ? "LIKE" : "regex", all, negate);
    }

    private static Func<CheckSpec, Check>? ReadMonotonic(CheckReading s, bool increasing)
    {
        var strictly = s.Bool("strictly") ?? false;
        var dates = s.Bool("parse_strings_as_datetimes") ?? false;
        return spec => new MonotonicCheck(spec, increasing, strictly, dates);
    }

    private static Func<CheckSpec, Check>? ReadZScore(CheckReading s)
    {
        var threshold = s.Double("threshold", required: true);
        var doubleSided = s.Bool("double_sided") ?? true;
        return threshold is { } t ? spec => new ZScoreCheck(spec, t, doubleSided) : null;
    }

    private static Func<CheckSpec, Check>? ReadDistinctSet(CheckReading s, DistinctSetRule rule)
    {
        var values = s.StringList("values", required: true, "value_set") ?? [];
        var dates = s.Bool("parse_strings_as_datetimes") ?? false;
        return spec => new DistinctSetCheck(spec, values, rule, dates);
    }

    private static Func<CheckSpec, Check>? ReadMostCommon(CheckReading s)
    {
        var values = s.StringList("values", required: true, "value_set") ?? [];
        var tiesOkay = s.Bool("ties_okay") ?? false;
        return spec => new MostCommonCheck(spec, values, tiesOkay);
    }

    private static IgnoreRowIf? ReadPair(CheckReading s) => s.Choice("ignore_row_if", IgnorePairs) ?? IgnoreRowIf.AllValuesAreMissing;

    private static Func<CheckSpec, Check>? ReadPairGreater(CheckReading s)
    {
        var ignore = ReadPair(s)!.Value;
        var orEqual = s.Bool("or_equal") ?? false;
        var dates = s.Bool("parse_strings_as_datetimes") ?? false;
        s.Allow("allow_cross_type_comparisons");
        return spec => new PairGreaterCheck(spec, ignore, orEqual, dates);
    }

    private static Func<CheckSpec, Check>? ReadPairInSet(CheckReading s)
    {
        var ignore = ReadPair(s)!.Value;
        var node = s.Settings.Sequence("value_pairs_set", required: true, "pairs");
        if (node is null)
        {
            return null;
        }

        var pairs = new List<(string?, string?)>();
        foreach (var item in node.Children)
        {
            if (item is not YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 2 } pair)
            {
                s.Diagnostics.Error(ErrorCodes.InvalidValue, $"{s.Context}: each of 'value_pairs_set' is a pair [A, B]", item);
                return null;
            }

            string? Part(YamlDotNet.RepresentationModel.YamlNode part) => Config.YamlMap.IsNull(part) ? null : s.Settings.ScalarText(part, "value_pairs_set");
            pairs.Add((Part(pair.Children[0]), Part(pair.Children[1])));
        }

        return spec => new PairInSetCheck(spec, ignore, pairs);
    }

    private static Func<CheckSpec, Check>? ReadMulticolumnSum(CheckReading s)
    {
        var ignore = s.Choice("ignore_row_if", IgnoreRows) ?? IgnoreRowIf.AllValuesAreMissing;
        var total = s.Double("sum_total", required: true);
        return total is { } t ? spec => new MulticolumnSumCheck(spec, ignore, t) : null;
    }

    private static Func<CheckSpec, Check>? ReadCramersPhi(CheckReading s)
    {
        var threshold = s.Double("threshold") ?? 0.1;
        var a = ReadBinning(s, "bins_A", "n_bins_A");
        var b = ReadBinning(s, "bins_B", "n_bins_B");
        return a is null || b is null ? null : spec => new CramersPhiCheck(spec, threshold, a, b);
    }

    /// <summary>A column's bins: numbers (edges) or lists of values (groups), and how many bins otherwise.</summary>
    private static PairBinning? ReadBinning(CheckReading s, string key, string countKey)
    {
        var count = s.Long(countKey) ?? 10;
        if (count < 1)
        {
            s.Error(ErrorCodes.InvalidValue, $"'{countKey}' must be at least 1", countKey);
            return null;
        }

        if (s.Settings.Sequence(key) is not { } node)
        {
            return new PairBinning(null, null, (int)count);
        }

        if (node.Children.All(c => c is YamlDotNet.RepresentationModel.YamlSequenceNode))
        {
            var groups = node.Children.Select(c => s.Settings.ReadStringList(c, key) ?? []).ToList();
            return new PairBinning(null, groups, (int)count);
        }

        var edges = new List<double>();
        foreach (var child in node.Children)
        {
            if (s.Settings.ScalarText(child, key) is not { } text || !Config.YamlMap.TryParseNumber(text, out var edge))
            {
                s.Diagnostics.Error(ErrorCodes.InvalidValue, $"{s.Context}: '{key}' is a list of numbers (bin edges) or of lists of values (groups)", child);
                return null;
            }

            edges.Add(edge);
        }

        return new PairBinning(edges.Count == 0 ? null : edges, null, (int)count);
    }

    private static Func<CheckSpec, Check>? ReadOtherTable(CheckReading s)
    {
        var other = s.Table("other", "other_table_name");
        return other is null ? null : spec => new OtherTableRowCountCheck(spec, other);
    }

    private static Func<CheckSpec, Check>? ReadKlDivergence(CheckReading s)
    {
        var threshold = s.Double("threshold");
        var tail = s.Double("tail_weight_holdout") ?? 0;
        var internalHoldout = s.Double("internal_weight_holdout") ?? 0;
        var bucketize = s.Bool("bucketize_data") ?? true;
        if (threshold is < 0)
        {
            s.Error(ErrorCodes.InvalidValue, "'threshold' must be 0 or more", "threshold");
        }

        if (tail is < 0 or > 1 || internalHoldout is < 0 or > 1)
        {
            s.Error(ErrorCodes.InvalidValue, "'tail_weight_holdout' and 'internal_weight_holdout' are shares, between 0 and 1", tail is < 0 or > 1 ? "tail_weight_holdout" : "internal_weight_holdout");
            return null;
        }

        KlPartition? partition = null;
        if (s.Settings.Map("partition_object") is { } map)
        {
            List<double>? Numbers(string key)
            {
                if (map.Sequence(key) is not { } list)
                {
                    return null;
                }

                var numbers = new List<double>();
                foreach (var child in list.Children)
                {
                    var text = map.ScalarText(child, key);
                    var value = text switch
                    {
                        "Infinity" or "inf" or "+inf" => double.PositiveInfinity,
                        "-Infinity" or "-inf" => double.NegativeInfinity,
                        _ when text is not null && Config.YamlMap.TryParseNumber(text, out var number) => number,
                        _ => double.NaN,
                    };
                    if (double.IsNaN(value))
                    {
                        s.Diagnostics.Error(ErrorCodes.InvalidValue, $"{s.Context}: partition_object '{key}' holds numbers", child);
                        return null;
                    }

                    numbers.Add(value);
                }

                return numbers;
            }

            partition = new KlPartition(Numbers("bins"), map.StringList("values"), Numbers("weights") ?? [], Numbers("tail_weights"));
            map.RejectUnknownKeys();
            string? problem = partition.Problem();
            if (problem is null && partition.IsCategorical && internalHoldout > 0)
            {
                problem = "internal_weight_holdout cannot be used with a categorical partition";
            }
            else if (problem is null && !partition.IsCategorical && !bucketize)
            {
                problem = "a continuous partition needs bucketize_data";
            }
            else if (problem is null && partition.TailWeights is not null && tail != 0)
            {
                problem = "tail_weight_holdout must be 0 when the partition gives tail_weights";
            }
            else if (problem is null && partition.Bins is { } bins && double.IsNegativeInfinity(bins[0]) && double.IsPositiveInfinity(bins[^1]) && tail > 0)
            {
                problem = "tail_weight_holdout cannot be used with a partition whose ends are both infinite";
            }

            if (problem is not null)
            {
                s.Error(ErrorCodes.InvalidValue, $"invalid partition_object: {problem}", "partition_object");
                return null;
            }
        }

        return spec => new KlDivergenceCheck(spec, partition, threshold, tail, internalHoldout);
    }

    private static bool TryQuantile(string text, out double q) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out q) && q is >= 0 and <= 1;

    private static double? NumberOrNull(string text) =>
        text is "" or "null" or "~" ? null : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
