using System.Globalization;
using nietras.SeparatedValues;
using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Tests;

/// <summary>
/// Writes a CSV file's rows as Parquet (the CSV read with its quotes, by Sep): columns whose every cell is a number as
/// doubles, the rest as text, an empty cell as null.
/// </summary>
public static class ParquetFiles
{
    public static async Task<string> FromCsvAsync(string csv, string parquet)
    {
        string[] header;
        var rows = new List<string[]>();
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = false }).FromFile(csv))
        {
            header = reader.Header.ColNames.ToArray();
            foreach (var row in reader)
            {
                var cells = new string[header.Length];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString();
                }

                rows.Add(cells);
            }
        }

        var numeric = Enumerable.Range(0, header.Length).Select(c => rows.All(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _))).ToArray();
        var fields = header.Select((name, c) => numeric[c] ? (DataField)new DataField<double>(name) : new DataField<string>(name, nullable: true)).ToArray();
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
                await group.WriteAsync((DataField<string>)fields[c], rows.Select(r => r[column].Length == 0 ? null : r[column]).ToList());
            }
        }

        return parquet;
    }
}
