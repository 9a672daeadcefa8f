using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlOps.Gates.Results;
using nietras.SeparatedValues;

namespace MlOps.Gates.Data;

/// <summary>
/// Rows copied out of Sep into one character buffer, with the offsets of the chosen columns' cells laid out a
/// column at a time. Quoted cells are unquoted into the same buffer; numbers are parsed once a column is asked for them.
/// The two loops every cell passes through are compiled fully optimized on first call: a run is over before tiered
/// compilation would get to them.
/// </summary>
internal sealed class CsvRowBatch : RowBatch
{
    /// <summary>Stop adding rows once the buffer holds this many characters, so a file of huge rows stays bounded.</summary>
    private const int CharBudget = 1 << 21;

    private readonly string _file;
    private readonly int[] _columns;
    private readonly CellColumn?[] _cells;
    private readonly string[] _nullValues;
    private readonly bool _emptyIsOnlyNull;
    private readonly bool _hasHeader;
    private readonly int[] _rowStart;
    private readonly int[] _rowLength;
    private readonly int[] _lineFrom;
    private readonly int[] _lineTo;
    private char[] _buffer = new char[1 << 16];
    private int _used;

    private readonly char _delimiter;

    public CsvRowBatch(DatasetOptions options, int columnCount, IEnumerable<int> columns, int capacity, char delimiter)
    {
        _delimiter = delimiter;
        _file = options.DisplayPath;
        _nullValues = options.NullValues.ToArray();
        _emptyIsOnlyNull = _nullValues is [""];
        _hasHeader = options.HasHeader;
        _columns = columns.Distinct().Order().ToArray();
        _cells = new CellColumn?[columnCount];
        foreach (var column in _columns)
        {
            _cells[column] = new CellColumn(capacity);
        }

        Capacity = capacity;
        _rowStart = new int[capacity];
        _rowLength = new int[capacity];
        _lineFrom = new int[capacity];
        _lineTo = new int[capacity];
    }

    public int Capacity { get; }

    public bool IsFull => Count == Capacity || _used >= CharBudget;

    public void Clear()
    {
        Count = 0;
        _used = 0;
        foreach (var column in _columns)
        {
            _cells[column]!.NumbersReady = false;
        }
    }

    public void SetPosition(long position) => Position = position;

    /// <summary>Copies Sep's current row in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(SepReader.Row row, long rowNumber)
    {
        var raw = row.Span;
        var lineFrom = SepLines.From(row, _hasHeader);
        ThrowIfQuoteLeftOpen(raw, lineFrom, row.LineNumberToExcl, _file);

        var index = Count;
        if (index == 0)
        {
            FirstRow = rowNumber;
        }

        var need = _used + (raw.Length * 2);
        if (_buffer.Length < need)
        {
            Array.Resize(ref _buffer, Math.Max(need, _buffer.Length * 2));
        }

        var start = _used;
        raw.CopyTo(_buffer.AsSpan(start));
        _used += raw.Length;
        _rowStart[index] = start;
        _rowLength[index] = raw.Length;
        _lineFrom[index] = lineFrom;
        _lineTo[index] = row.LineNumberToExcl;
        ref var rawStart = ref MemoryMarshal.GetReference(raw);
        foreach (var c in _columns)
        {
            var cells = _cells[c]!;
            var span = row[c].Span;
            var offset = span.IsEmpty ? EmptyCellOffset(row, c) : (int)(Unsafe.ByteOffset(ref rawStart, ref MemoryMarshal.GetReference(span)) / sizeof(char));
            cells.RawOffsets[index] = offset;
            var quoted = span.Length > 0 && span[0] == '"';
            int cellStart, cellLength;
            if (quoted)
            {
                cellStart = _used;
                cellLength = UnquoteInto(span, _buffer.AsSpan(_used));
                _used += cellLength;
            }
            else
            {
                cellStart = start + offset;
                cellLength = span.Length;
            }

            cells.Starts[index] = cellStart;
            cells.Lengths[index] = cellLength;
            cells.Missing[index] = _emptyIsOnlyNull ? cellLength == 0 && !quoted : IsMarker(_buffer.AsSpan(cellStart, cellLength), _nullValues);
        }

        Count = index + 1;
    }

    public override ReadOnlySpan<bool> Missing(int column) => Cells(column).Missing.AsSpan(0, Count);

    public override TextColumn Texts(int column)
    {
        var cells = Cells(column);
        return new TextColumn(_buffer, cells.Starts.AsSpan(0, Count), cells.Lengths.AsSpan(0, Count));
    }

    public override ReadOnlySpan<char> TextAt(int index, int column)
    {
        var cells = Cells(column);
        return _buffer.AsSpan(cells.Starts[index], cells.Lengths[index]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override NumberColumn Numbers(int column)
    {
        var cells = Cells(column);
        var count = Count;
        ParseNumbers(cells, count);

        return new NumberColumn(cells.Values.AsSpan(0, count), cells.IsNumber.AsSpan(0, count));
    }

    /// <summary>Parses a column's numbers once; checks on several threads may ask for the same column at once.</summary>
    private void ParseNumbers(CellColumn cells, int count)
    {
        lock (cells)
        {
            if (cells.NumbersReady)
            {
                return;
            }

            var values = cells.Values;
            var isNumber = cells.IsNumber;
            var missing = cells.Missing;
            var starts = cells.Starts;
            var lengths = cells.Lengths;
            var buffer = _buffer;
            for (var i = 0; i < count; i++)
            {
                isNumber[i] = !missing[i] && Data.Numbers.TryParse(buffer.AsSpan(starts[i], lengths[i]), out values[i]);
            }

            cells.NumbersReady = true;
        }
    }

    public override string File => _file;

    public override bool TryRawRow(int index, out ReadOnlySpan<char> raw, out char delimiter)
    {
        raw = _buffer.AsSpan(_rowStart[index], _rowLength[index]);
        if (raw.Length > 0 && raw[^1] == '\r')
        {
            raw = raw[..^1];
        }

        delimiter = _delimiter;
        return !raw.Contains('"');
    }

    public override (int Line, int Column) LineAndColumn(int index, int column) =>
        LineAndColumn(_buffer.AsSpan(_rowStart[index], _rowLength[index]), _lineFrom[index], _lineTo[index], Cells(column).RawOffsets[index]);

    /// <summary>An odd number of quotes in a row means one is never closed: Sep read to the end of the file inside it.</summary>
    internal static void ThrowIfQuoteLeftOpen(ReadOnlySpan<char> raw, int lineFrom, int lineTo, string file)
    {
        if (!raw.Contains('"') || raw.Count('"') % 2 == 0)
        {
            return;
        }

        var (line, column) = LineAndColumn(raw, lineFrom, lineTo, raw.IndexOf('"'));
        throw new GatesInputException(
            ErrorCodes.UnclosedQuote,
            $"{file}: the quote opened at line {line}, column {column} is never closed",
            new SourceLocation(file, line, column));
    }

    internal static (int Line, int Column) LineAndColumn(ReadOnlySpan<char> raw, int lineFrom, int lineTo, int offset)
    {
        if (lineTo - lineFrom <= 1)
        {
            return (lineFrom, offset + 1);
        }

        var before = raw[..Math.Min(offset, raw.Length)];
        return (lineFrom + before.Count('\n'), offset - before.LastIndexOf('\n'));
    }

    internal static int UnquoteInto(ReadOnlySpan<char> cell, Span<char> target)
    {
        var end = cell.Length > 1 && cell[^1] == '"' ? cell.Length - 1 : cell.Length;
        var written = 0;
        for (var i = 1; i < end; i++)
        {
            var c = cell[i];
            target[written++] = c;
            if (c == '"' && i + 1 < end && cell[i + 1] == '"')
            {
                i++;
            }
        }

        return written;
    }

    /// <summary>An empty cell's place in the row: just after the cell before it (Sep's span of an empty cell need not point into the row).</summary>
    private static int EmptyCellOffset(SepReader.Row row, int column)
    {
        if (column == 0)
        {
            return 0;
        }

        var previous = row[column - 1].Span;
        var previousOffset = previous.IsEmpty
            ? EmptyCellOffset(row, column - 1)
            : (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row.Span), ref MemoryMarshal.GetReference(previous)) / sizeof(char));
        return previousOffset + previous.Length + 1;
    }

    /// <summary>Whether a cell's unquoted text is one of the dataset's null markers (with the default markers, callers test for an empty unquoted cell instead).</summary>
    internal static bool IsMarker(ReadOnlySpan<char> text, string[] nullValues)
    {
        foreach (var marker in nullValues)
        {
            if (text.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    private CellColumn Cells(int column) =>
        _cells[column] ?? throw new InvalidOperationException($"column {column} was not read into this batch");

    /// <summary>Where each cell of one column is, and its number once parsed.</summary>
    private sealed class CellColumn(int capacity)
    {
        public int[] Starts { get; } = new int[capacity];

        public int[] Lengths { get; } = new int[capacity];

        public int[] RawOffsets { get; } = new int[capacity];

        public bool[] Missing { get; } = new bool[capacity];

        public double[] Values { get; } = new double[capacity];

        public bool[] IsNumber { get; } = new bool[capacity];

        public bool NumbersReady { get; set; }
    }
}
