using Json.Schema;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>json_schema</c> (Great Expectations' <c>expect_column_values_to_match_json_schema</c>): each value is JSON that
/// the schema accepts (draft 2020-12 unless the schema's <c>$schema</c> names another, as Python's jsonschema does).
/// A value that is not JSON is unexpected too.
/// </summary>
public sealed class JsonSchemaCheck(CheckSpec spec, JsonSchema schema) : ColumnMapCheck(spec)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Flag };

    public override string Description => $"values of '{ColumnName}' match the JSON schema";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i] && !(JsonText.TryParse(texts[i], out var value) && schema.Evaluate(value, Options).IsValid);
        }
    }
}
