namespace MlOps.Gates.Data;

/// <summary>
/// Hands the cells of chosen columns of every row to a visitor, in file order: CSV through the reader's copy-free scan,
/// other formats row by row. A visitor sees k = 0 first on each row; line and column are 0 where the format has none.
/// </summary>
public static class ColumnScanner
{
    public static long Scan<TVisitor>(TableReader reader, int[] columns, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        if (reader is CsvTableReader csv)
        {
            return csv.Scan(columns, ref visitor);
        }

        long rows = 0;
        while (reader.Read())
        {
            rows++;
            var row = reader.Current;
            for (var k = 0; k < columns.Length; k++)
            {
                if (row.IsNull(columns[k]))
                {
                    visitor.Missing(k);
                    continue;
                }

                var location = row.Locate(columns[k]);
                visitor.Visit(k, row.Text(columns[k]), location.Line, location.Column);
            }
        }

        return rows;
    }
}
