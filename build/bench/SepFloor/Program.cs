using nietras.SeparatedValues;

// Parses every row and every cell of a CSV file with Sep, single-threaded, and parses the cells that are numbers,
// which is the least any check over all columns must do.
using var reader = Sep.Reader(o => o with { Unescape = false }).FromFile(args[0]);
long rows = 0;
double sum = 0;
long chars = 0;
foreach (var row in reader)
{
    rows++;
    for (var i = 0; i < row.ColCount; i++)
    {
        var span = row[i].Span;
        chars += span.Length;
        if (span.Length > 0 && (char.IsDigit(span[0]) || span[0] == '-') && csFastFloat.FastDoubleParser.TryParseDouble(span, out var value))
        {
            sum += value;
        }
    }
}

Console.WriteLine($"rows {rows}, chars {chars}, sum {sum:G6}");
