using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>in_type_list</c> (Great Expectations' <c>expect_column_values_to_be_in_type_list</c>): each value reads as one
/// of the types, by the <c>type</c> check's rules (values are read from text, so "12" is an integer in any column).
/// </summary>
public sealed class TypeListCheck(CheckSpec spec, IReadOnlyList<ColumnType> types) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are of type {string.Join(" or ", types.Select(t => t.ToString().ToLowerInvariant()))}";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        if (types.Contains(ColumnType.String))
        {
            return;
        }

        var texts = batch.Texts(column);
        // A float is any number: the batch has read them already.
        var isNumber = types.Contains(ColumnType.Float) ? batch.Numbers(column).IsNumber : default;
        for (var i = 0; i < unexpected.Length; i++)
        {
            if (!missing[i])
            {
                unexpected[i] = !(isNumber.Length > 0 && isNumber[i]) && !ReadsAny(texts[i]);
            }
        }
    }

    private bool ReadsAny(ReadOnlySpan<char> text)
    {
        foreach (var type in types)
        {
            if (TypeCheck.Reads(type, text, null))
            {
                return true;
            }
        }

        return false;
    }
}
