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
        var samples = wanted.Select(c => new ColumnSample(c)).ToArray();
        rows = 0;
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
}
