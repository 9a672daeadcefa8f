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

    protected override bool IsExpected(RowView row, int column) => type switch
    {
        ColumnType.Integer => Numbers.IsInteger(row.Text(column)),
        ColumnType.Float => row.TryGetDouble(column, out _),
        ColumnType.Boolean => IsBoolean(row.Text(column)),
        ColumnType.DateTime => DateTimes.TryParse(row.Text(column), format, out _),
        _ => true,
    };

    private static bool IsBoolean(ReadOnlySpan<char> text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase);
}
