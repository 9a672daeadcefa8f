namespace MlOps.Gates.Data;

/// <summary>
/// Hands the cells of chosen columns of every row to a visitor, in file order: CSV through the reader's copy-free scan,
/// other formats through their batches. A visitor sees k = 0 first on each row; line and column are 0 where the
/// format has none.
/// </summary>
public static class ColumnScanner
{
    public static long Scan<TVisitor>(TableReader reader, int[] columns, ref TVisitor visitor, CancellationToken cancellationToken = default)
        where TVisitor : struct, ICellVisitor
    {
        if (reader is CsvTableReader csv)
        {
            return csv.Scan(columns, ref visitor, cancellationToken);
        }

        long rows = 0;
        var batch = reader.CreateBatch(columns);
        while (reader.ReadBatch(batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < batch.Count; i++)
            {
                for (var k = 0; k < columns.Length; k++)
                {
                    if (batch.Missing(columns[k])[i])
                    {
                        visitor.Missing(k);
                        continue;
                    }

                    var (line, column) = batch.LineAndColumn(i, columns[k]);
                    visitor.Visit(k, batch.TextAt(i, columns[k]), line, column);
                }
            }

            rows += batch.Count;
        }

        return rows;
    }
}
