using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary><c>strftime_format</c> (Great Expectations' <c>expect_column_values_to_match_strftime_format</c>): each value parses with Python's <c>strptime</c> and the format.</summary>
public sealed class StrftimeCheck(CheckSpec spec, string format) : ColumnMapCheck(spec)
{
    private readonly Strptime _parser = Strptime.Compile(format);

    public override string Description => $"values of '{ColumnName}' have the format '{format}'";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i] && !_parser.Matches(texts[i]);
        }
    }
}
