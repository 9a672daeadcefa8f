using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>type</c>: each value reads as the type. integer: digits with an optional sign; float: any invariant-culture
/// number, NaN and infinities included; boolean: true or false in any case; date-time: ISO 8601 or the given format;
/// string: any value.
/// </summary>
public sealed class TypeCheck(CheckSpec spec, ColumnType type, string? format) : ColumnMapCheck(spec)
{
    public override string Description => $"values of '{ColumnName}' are of type {type.ToString().ToLowerInvariant()}";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        if (type == ColumnType.String)
        {
            return;
        }

        if (type == ColumnType.Float)
        {
            var isNumber = batch.Numbers(column).IsNumber;
            for (var i = 0; i < unexpected.Length; i++)
            {
                unexpected[i] = !missing[i] && !isNumber[i];
            }

            return;
        }

        var texts = batch.Texts(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            unexpected[i] = !missing[i] && !IsExpected(texts[i]);
        }
    }

    private bool IsExpected(ReadOnlySpan<char> text) => Reads(type, text, format);

    /// <summary>Whether a present value reads as the type, by this check's rules (shared with <c>in_type_list</c>).</summary>
    internal static bool Reads(ColumnType type, ReadOnlySpan<char> text, string? format) => type switch
    {
        ColumnType.Integer => Numbers.IsInteger(text),
        ColumnType.Float => Numbers.TryParse(text, out _),
        ColumnType.Boolean => IsBoolean(text),
        ColumnType.DateTime => DateTimes.TryParse(text, format, out _),
        _ => true,
    };

    private static bool IsBoolean(ReadOnlySpan<char> text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase);
}
