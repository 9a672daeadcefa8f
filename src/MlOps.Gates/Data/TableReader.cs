using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>A forward-only reader of a dataset's rows, one pass, with the column names known up front.</summary>
public abstract class TableReader : IDisposable
{
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Bytes read so far and in all, for progress; 0 when unknown.</summary>
    public abstract long Position { get; }

    public abstract long Length { get; }

    public abstract SourceLocation HeaderLocation(int column);

    /// <summary>About how many rows the dataset holds (exact where the format says, estimated from the size otherwise; 0 when unknown), to size memory once.</summary>
    public abstract int ExpectedRows { get; }

    /// <summary>
    /// A batch this reader can fill, holding the given columns, up to <paramref name="capacity"/> rows (by default as
    /// many as keep the batch to a few megabytes whatever the number of columns).
    /// </summary>
    public RowBatch CreateBatch(IEnumerable<int> columns, int? capacity = null)
    {
        var chosen = columns.Distinct().ToArray();
        return CreateBatch(chosen, capacity ?? RowBatch.RowsFor(chosen.Length));
    }

    protected abstract RowBatch CreateBatch(int[] columns, int capacity);

    /// <summary>Refills a batch from this reader with the next rows; false at the end. Malformed input throws <see cref="GatesInputException"/>.</summary>
    public abstract bool ReadBatch(RowBatch batch);

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
