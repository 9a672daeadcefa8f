using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>json_parseable</c> (Great Expectations' <c>expect_column_values_to_be_json_parseable</c>): each value is one JSON document.</summary>
public sealed class JsonParseableCheck(CheckSpec spec) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are JSON";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i] && !JsonText.TryParse(texts[i], out _);
        }
    }
}
