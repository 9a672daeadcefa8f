using MlOps.Gates.Data;

namespace MlOps.Gates.Drift;

/// <summary>Reads the columns a drift gate tests from a dataset, in one pass.</summary>
public static class DriftSampleReader
{
    public static IReadOnlyDictionary<string, ColumnSample> Read(DatasetOptions dataset, IReadOnlyCollection<string>? columns, IReadOnlySet<string> exclude, out IReadOnlyList<string> header, out long rows, CancellationToken cancellationToken = default)
    {
        using var reader = TableReaders.Open(dataset);
        header = reader.Columns;
        var wanted = (columns ?? reader.Columns).Where(c => reader.IndexOf(c) >= 0 && !exclude.Contains(c)).ToList();
        var indices = wanted.Select(reader.IndexOf).ToArray();
        var expected = reader.ExpectedRows;
        var samples = wanted.Select(c => new ColumnSample(c, expected)).ToArray();
        var visitor = new SampleVisitor(samples, dataset.DisplayPath);
        rows = ColumnScanner.Scan(reader, indices, ref visitor, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
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
