using System.Globalization;

namespace MlOps.Gates.Quality;

/// <summary><c>column_count_between</c> and <c>column_count_equal</c>: the header's number of columns is in the range.</summary>
public sealed class ColumnCountCheck(CheckSpec spec, Range range) : SchemaCheck(spec)
{
    public override string Description => $"the column count is in {range}";

    protected override (bool Success, string Message) Judge(IReadOnlyList<string> columns) =>
        (range.Contains(columns.Count), string.Create(CultureInfo.InvariantCulture, $"{columns.Count} columns; expected {range}"));
}
