using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>
/// The current row of a dataset, valid until the reader moves on. Checks read cells through it, whatever the format.
/// </summary>
public abstract class RowView
{
    /// <summary>The data row, 1-based, header excluded.</summary>
    public long Row { get; protected set; }

    public abstract int ColumnCount { get; }

    public abstract bool IsNull(int column);

    /// <summary>The cell as text (unquoted for CSV; invariant-culture text for typed formats).</summary>
    public abstract ReadOnlySpan<char> Text(int column);

    /// <summary>The cell as a number in invariant culture; false when the cell is not a number. NaN and infinities parse.</summary>
    public abstract bool TryGetDouble(int column, out double value);

    /// <summary>Where the cell is in its file: line and column for text formats, the file alone otherwise.</summary>
    public abstract SourceLocation Locate(int column);

    public string GetString(int column) => Text(column).ToString();
}
