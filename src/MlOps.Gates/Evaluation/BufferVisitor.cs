using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Fills column buffers from a scan. Bad cells stop the read at once with their place: a missing label or prediction,
/// text where a number belongs, NaN or infinity, a probability outside [0, 1].
/// </summary>
internal struct BufferVisitor(ColumnBuffer[] buffers, string file) : ICellVisitor
{
    private long _row;

    public void Missing(int k)
    {
        if (k == 0)
        {
            _row++;
        }

        var buffer = buffers[k];
        if (!buffer.AllowMissing)
        {
            throw new GatesInputException(
                ErrorCodes.BadPrediction,
                Invariant($"{file}: the {buffer.Role} ('{buffer.Column}') is missing in data row {_row}; every row needs one to be evaluated"),
                new Results.SourceLocation(file));
        }

        buffer.Codes.Add(-1);
    }

    public void Visit(int k, ReadOnlySpan<char> text, int line, int column)
    {
        if (k == 0)
        {
            _row++;
        }

        var buffer = buffers[k];
        var position = new CellPosition(_row, line, column);
        if (!buffer.Numeric)
        {
            buffer.Codes.Add(buffer.Book.Code(text, position));
            return;
        }

        if (!Numbers.TryParse(text, out var value))
        {
            throw Bad(buffer, position, $"'{text.ToString()}' is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw Bad(buffer, position, $"{text.ToString()} is not a finite number");
        }

        if (value is < 0 or > 1)
        {
            if (buffer.UnitInterval)
            {
                throw Bad(buffer, position, Invariant($"{value:R} is outside [0, 1]"));
            }

            buffer.AllInUnitInterval = false;
        }

        buffer.Numbers.Add(value);
    }

    private readonly GatesInputException Bad(ColumnBuffer buffer, CellPosition position, string problem) =>
        new(ErrorCodes.BadPrediction, $"{position.Describe(file)}: the {buffer.Role} ('{buffer.Column}') {problem}", position.Locate(file));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
