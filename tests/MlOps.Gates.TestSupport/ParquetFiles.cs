using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Tests;

/// <summary>Writes a CSV file's rows as Parquet: columns whose every cell is a number as doubles, the rest as text.</summary>
public static class ParquetFiles
{
    public static async Task<string> FromCsvAsync(string csv, string parquet)
    {
        var lines = File.ReadAllLines(csv).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var numeric = Enumerable.Range(0, header.Length).Select(c => rows.All(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _))).ToArray();
        var fields = header.Select((name, c) => numeric[c] ? (DataField)new DataField<double>(name) : new DataField<string>(name)).ToArray();
        await using var stream = File.Create(parquet);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < header.Length; c++)
        {
            var column = c;
            if (numeric[c])
            {
                await group.WriteAsync((DataField<double>)fields[c], new ReadOnlyMemory<double>(rows.Select(r => double.Parse(r[column], CultureInfo.InvariantCulture)).ToArray()));
            }
            else
            {
                await group.WriteAsync((DataField<string>)fields[c], rows.Select(r => r[column]).ToList());
            }
        }

        return parquet;
    }
}
