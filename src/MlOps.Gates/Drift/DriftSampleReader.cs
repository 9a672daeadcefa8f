using MlOps.Gates.Data;

namespace MlOps.Gates.Drift;

/// <summary>Reads the columns a drift gate tests from a dataset, in one pass.</summary>
public static class DriftSampleReader
{
    public static IReadOnlyDictionary<string, ColumnSample> Read(DatasetOptions dataset, IReadOnlyCollection<string>? columns, IReadOnlySet<string> exclude, out IReadOnlyList<string> header, out long rows)
    {
        using var reader = TableReaders.Open(dataset);
        header = reader.Columns;
        var wanted = (columns ?? reader.Columns).Where(c => reader.IndexOf(c) >= 0 && !exclude.Contains(c)).ToList();
        var indices = wanted.Select(reader.IndexOf).ToArray();
        var expected = DataFiles.ExpectedRows(dataset);
        var samples = wanted.Select(c => new ColumnSample(c, expected)).ToArray();
        rows = 0;
        if (reader is CsvTableReader csv)
        {
            var visitor = new SampleVisitor(samples, dataset.DisplayPath);
            rows = csv.Scan(indices, ref visitor);
        }

        while (reader.Read())
        {
            rows++;
            var row = reader.Current;
            for (var i = 0; i < indices.Length; i++)
            {
                var column = indices[i];
                var sample = samples[i];
                if (row.IsNull(column))
                {
                    sample.AddMissing();
                }
                else if (!sample.IsNumeric)
                {
                    sample.AddText(row.Text(column), row, column);
                }
                else if (row.TryGetDouble(column, out var value))
                {
                    sample.AddNumber(value, row.Text(column));
                }
                else
                {
                    sample.AddText(row.Text(column), row, column);
                }
            }
        }

        Parallel.ForEach(samples, s => s.Sort());
        return samples.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Hands a scan's cells to the samples: numbers while a column holds only numbers, else categories.</summary>
    private readonly struct SampleVisitor(ColumnSample[] samples, string file) : ICellVisitor
    {
        public void Missing(int k) => samples[k].AddMissing();

        public void Visit(int k, ReadOnlySpan<char> text, int line, int column)
        {
            var sample = samples[k];
            if (sample.IsNumeric && Numbers.TryParse(text, out var value))
            {
                sample.AddNumber(value, text);
            }
            else
            {
                sample.AddText(text, file, line, column);
            }
        }
    }
}
