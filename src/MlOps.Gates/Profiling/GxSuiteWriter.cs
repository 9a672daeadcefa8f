using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Profiling;

/// <summary>
/// A profile's starter suite as a Great Expectations 1.x suite (<c>name</c>, <c>expectations[].type</c>,
/// <c>kwargs</c>, <c>meta</c>, <c>notes</c>), so the way between the two tools goes both ways: GX loads it, and so
/// does <c>check --suite</c>. The checks are those of <see cref="SuiteWriter"/>, each under GX's own name and keys.
/// </summary>
public static class GxSuiteWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    public static string Write(DatasetProfile profile, ProfileOptions options)
    {
        var expectations = new JsonArray(SuiteWriter.Checks(profile, options).Select(Expectation).ToArray<JsonNode?>());
        var suite = new JsonObject
        {
            ["name"] = profile.Name,
            ["expectations"] = expectations,
            ["meta"] = new JsonObject { ["great_expectations_version"] = "1.3.0", ["profiled_by"] = $"mlops-gates profile {profile.DisplayPath}" },
            ["notes"] = string.Create(CultureInfo.InvariantCulture, $"Inferred by mlops-gates profile from {profile.DisplayPath} ({profile.Rows} rows). Review every expectation before relying on it."),
        };
        return suite.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Expectation(Dictionary<string, object> check)
    {
        var (type, kwargs) = (string)check["expect"] switch
        {
            "columns_match_list" => ("expect_table_columns_to_match_ordered_list", new JsonObject { ["column_list"] = Array(check["columns"]) }),
            "row_count_between" => ("expect_table_row_count_to_be_between", Range(check)),
            "column_exists" => ("expect_column_to_exist", Column(check)),
            "type" => ("expect_column_values_to_be_of_type", With(Column(check), "type_", GxType((string)check["type"]))),
            "not_null" => ("expect_column_values_to_not_be_null", Column(check)),
            "null_share_at_most" => ("expect_column_values_to_not_be_null", With(Column(check), "mostly", SuiteWriter.Round(1 - (double)check["max"]))),
            "between" => ("expect_column_values_to_be_between", Range(check, Column(check))),
            "in_set" => ("expect_column_values_to_be_in_set", With(Column(check), "value_set", Array(check["values"]))),
            "unique" => ("expect_column_values_to_be_unique", Column(check)),
            "length_between" => ("expect_column_value_lengths_to_be_between", Range(check, Column(check))),
            var other => throw new InvalidOperationException($"no Great Expectations name for the profiled check '{other}'"),
        };
        return new JsonObject { ["type"] = type, ["kwargs"] = kwargs, ["meta"] = new JsonObject(), ["severity"] = "critical" };
    }

    private static JsonObject Column(Dictionary<string, object> check) => new() { ["column"] = (string)check["column"] };

    private static JsonObject Range(Dictionary<string, object> check, JsonObject? kwargs = null)
    {
        kwargs ??= [];
        kwargs["min_value"] = JsonValue.Create(check["min"]);
        kwargs["max_value"] = JsonValue.Create(check["max"]);
        return kwargs;
    }

    private static JsonObject With(JsonObject kwargs, string key, JsonNode? value)
    {
        kwargs[key] = value;
        return kwargs;
    }

    private static JsonArray Array(object values) => new(((IEnumerable<string>)values).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>pandas' dtype names, which GX's of_type compares against for a pandas datasource.</summary>
    private static string GxType(string type) => type switch
    {
        "integer" => "int64",
        "float" => "float64",
        "boolean" => "bool",
        "datetime" => "datetime64[ns]",
        _ => "str",
    };
}
