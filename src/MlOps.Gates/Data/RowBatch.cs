using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>
/// A run of consecutive rows of a dataset, read a column at a time: checks judge a whole column of the batch in one
/// tight loop instead of one virtual call per cell. Only the columns the batch was created for can be read.
/// A batch is refilled by its reader, so nothing taken from it may be kept after the check returns.
/// </summary>
public abstract class RowBatch
{
    /// <summary>Cells a batch holds at most by default: a tight loop runs long over a column, and a wide file's batch stays small.</summary>
    private const int CellsPerBatch = 1 << 18;

    /// <summary>The rows in the batch.</summary>
    public int Count { get; protected set; }

    /// <summary>The data row number of the batch's first row, 1-based, header excluded.</summary>
    public long FirstRow { get; protected set; }

    /// <summary>How far into the file the reader was when it filled the batch, for progress.</summary>
    public long Position { get; protected set; }

    /// <summary>Which cells of a column are missing (empty, or one of the dataset's null markers).</summary>
    public abstract ReadOnlySpan<bool> Missing(int column);

    /// <summary>The cells of a column as text: unquoted for CSV, invariant-culture text for typed formats.</summary>
    public abstract TextColumn Texts(int column);

    /// <summary>One cell as text, for the rare check that reads a row across all its columns.</summary>
    public virtual ReadOnlySpan<char> TextAt(int index, int column) => Texts(column)[index];

    /// <summary>The cells of a column as invariant-culture numbers; a cell that is missing or not a number is marked so.</summary>
    public abstract NumberColumn Numbers(int column);

    /// <summary>
    /// The row as the file holds it, when its cells are exactly its text split at <paramref name="delimiter"/> (no quotes
    /// in it): a check that needs every cell of a row can then take the row at once.
    /// </summary>
    public virtual bool TryRawRow(int index, out ReadOnlySpan<char> raw, out char delimiter)
    {
        raw = default;
        delimiter = default;
        return false;
    }

    /// <summary>Where a cell is in its file: line and column for text formats, the file alone otherwise.</summary>
    public SourceLocation Locate(int index, int column)
    {
        var (line, col) = LineAndColumn(index, column);
        return new SourceLocation(File, line, col);
    }

    /// <summary>The file as findings name it.</summary>
    public abstract string File { get; }

    /// <summary>A cell's 1-based line and column in a text file, 0 and 0 where the format has none; nothing allocated.</summary>
    public abstract (int Line, int Column) LineAndColumn(int index, int column);

    /// <summary>Rows a batch of so many columns holds by default: 2,048, fewer for a wide file, never under 16.</summary>
    public static int RowsFor(int columns) => Math.Clamp(CellsPerBatch / Math.Max(1, columns), 16, 2048);

    /// <summary>The data row number of the batch's row at an index.</summary>
    public long RowAt(int index) => FirstRow + index;
}
