using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>
/// A window of rows over a loaded Parquet row group. Numbers come straight from the typed columns; text, where a
/// check asks for it, is formatted once a column and batch.
/// </summary>
internal sealed class ParquetRowBatch : RowBatch
{
    private readonly string _file;
    private readonly HashSet<string> _nullValues;
    private readonly int[] _columns;
    private readonly ParquetColumn[] _data;
    private readonly Window?[] _windows;
    private int _offset;

    public ParquetRowBatch(DatasetOptions options, int columnCount, IEnumerable<int> columns, int capacity)
    {
        _file = options.DisplayPath;
        _nullValues = new HashSet<string>(options.NullValues, StringComparer.Ordinal);
        _columns = columns.Distinct().ToArray();
        _data = new ParquetColumn[columnCount];
        _windows = new Window?[columnCount];
        foreach (var column in _columns)
        {
            _windows[column] = new Window(capacity);
        }

        Capacity = capacity;
    }

    public int Capacity { get; }

    public void Show(ParquetColumn[] group, int offset, int count, long firstRow, long position)
    {
        foreach (var column in _columns)
        {
            _data[column] = group[column];
            var window = _windows[column]!;
            window.MissingReady = window.TextReady = window.NumbersReady = false;
        }

        _offset = offset;
        Count = count;
        FirstRow = firstRow;
        Position = position;
    }

    public override ReadOnlySpan<bool> Missing(int column)
    {
        var window = Cells(column);
        // Checks on several threads may ask for the same column at once.
        lock (window)
        {
            if (!window.MissingReady)
            {
                var data = _data[column];
                var nulls = data.Nulls.AsSpan(_offset, Count);
                nulls.CopyTo(window.Missing);
                if (data.IsString)
                {
                    var texts = data.Texts!;
                    for (var i = 0; i < Count; i++)
                    {
                        window.Missing[i] |= _nullValues.Contains(texts[_offset + i]!);
                    }
                }

                window.MissingReady = true;
            }
        }

        return window.Missing.AsSpan(0, Count);
    }

    public override TextColumn Texts(int column)
    {
        var window = Cells(column);
        // Checks on several threads may ask for the same column at once.
        lock (window)
        {
            if (!window.TextReady)
            {
                var data = _data[column];
                var chars = window.Text;
                var used = 0;
                for (var i = 0; i < Count; i++)
                {
                    var text = data.Texts is { } texts ? texts[_offset + i] ?? string.Empty : Format(data, _offset + i);
                    if (chars.Length < used + text.Length)
                    {
                        Array.Resize(ref chars, Math.Max(used + text.Length, chars.Length * 2));
                    }

                    text.CopyTo(chars.AsSpan(used));
                    window.Starts[i] = used;
                    window.Lengths[i] = text.Length;
                    used += text.Length;
                }

                window.Text = chars;
                window.TextReady = true;
            }
        }

        return new TextColumn(window.Text, window.Starts.AsSpan(0, Count), window.Lengths.AsSpan(0, Count));
    }

    public override NumberColumn Numbers(int column)
    {
        var window = Cells(column);
        var data = _data[column];

        // Checks on several threads may ask for the same column at once.
        lock (window)
        {
            if (!window.NumbersReady)
            {
                var missing = Missing(column);
                if (data.Numbers is not null)
                {
                    for (var i = 0; i < Count; i++)
                    {
                        window.IsNumber[i] = !missing[i];
                    }
                }
                else
                {
                    var texts = data.Texts!;
                    for (var i = 0; i < Count; i++)
                    {
                        window.IsNumber[i] = !missing[i] && Data.Numbers.TryParse(texts[_offset + i], out window.Values[i]);
                    }
                }

                window.NumbersReady = true;
            }
        }

        // A typed column's numbers are the row group's own: no copy.
        var values = data.Numbers is { } typed ? typed.AsSpan(_offset, Count) : window.Values.AsSpan(0, Count);
        return new NumberColumn(values, window.IsNumber.AsSpan(0, Count));
    }

    public override string File => _file;

    public override (int Line, int Column) LineAndColumn(int index, int column) => (0, 0);

    private static string Format(ParquetColumn data, int index)
    {
        var value = data.Numbers![index];
        return data.Integral ? ((long)value).ToString(CultureInfo.InvariantCulture) : Data.Numbers.Format(value);
    }

    private Window Cells(int column) =>
        _windows[column] ?? throw new InvalidOperationException($"column {column} was not read into this batch");

    /// <summary>One column's cells in the window, each form made when first asked for.</summary>
    private sealed class Window(int capacity)
    {
        public bool[] Missing { get; } = new bool[capacity];

        public double[] Values { get; } = new double[capacity];

        public bool[] IsNumber { get; } = new bool[capacity];

        public int[] Starts { get; } = new int[capacity];

        public int[] Lengths { get; } = new int[capacity];

        public char[] Text { get; set; } = new char[4096];

        public bool MissingReady { get; set; }

        public bool TextReady { get; set; }

        public bool NumbersReady { get; set; }
    }
}
