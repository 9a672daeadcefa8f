using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using MlOps.Gates.Results;
using nietras.SeparatedValues;

namespace MlOps.Gates.Data;

/// <summary>
/// Reads CSV and TSV through Sep in one streaming pass. Each row is copied once into a reused buffer so checks can
/// read it after Sep moves on; cells keep their offset in the raw row, which gives every finding its line and column.
/// </summary>
public sealed partial class CsvTableReader : TableReader
{
    private readonly DatasetOptions _options;
    private readonly FileStream _stream;
    private readonly SepReader _sep;
    private readonly string[] _columns;
    private readonly CsvRow _row;
    private bool _done;

    private CsvTableReader(DatasetOptions options, FileStream stream, SepReader sep, string[] columns)
    {
        _options = options;
        _stream = stream;
        _sep = sep;
        _columns = columns;
        _row = new CsvRow(options, columns.Length);
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override RowView Current => _row;

    public override long Position => _stream.CanSeek ? _stream.Position : 0;

    public override long Length => _stream.Length;

    public static CsvTableReader Open(DatasetOptions options)
    {
        var stream = DataFiles.OpenRead(options);
        try
        {
            if (stream.Length == 0)
            {
                throw new GatesInputException(ErrorCodes.EmptyData, $"{options.DisplayPath} is empty: expected a header line", new SourceLocation(options.DisplayPath, 1, 1));
            }

            var encoding = DataFiles.TextEncoding(options);
            var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var delimiter = options.Delimiter ?? (options.Format == DataFormat.Tsv ? '\t' : (char?)null);
            SepReader sep;
            try
            {
                sep = Sep.Reader(o => o with
                {
                    Sep = delimiter is null ? null : new Sep(delimiter.Value),
                    HasHeader = options.HasHeader,
                    CultureInfo = CultureInfo.InvariantCulture,
                    Unescape = false,
                    DisableColCountCheck = false,
                }).From(text);
            }
            catch (DecoderFallbackException)
            {
                throw Utf8Error(options);
            }
            catch (ArgumentException e)
            {
                throw new GatesInputException(ErrorCodes.BadHeader, $"{options.DisplayPath}: {e.Message}", new SourceLocation(options.DisplayPath, 1, 1), e);
            }

            var columns = ReadHeader(options, sep);
            if (!sep.HasRows && !options.AllowEmpty)
            {
                throw new GatesInputException(ErrorCodes.EmptyData, $"{options.DisplayPath} has a header and no data rows (set allow_empty: true on the dataset if that is expected)", new SourceLocation(options.DisplayPath, 1, 1));
            }

            return new CsvTableReader(options, stream, sep, columns);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override SourceLocation HeaderLocation(int column)
    {
        if (!_options.HasHeader)
        {
            return new SourceLocation(_options.DisplayPath);
        }

        var offset = 1;
        for (var i = 0; i < column && i < _columns.Length; i++)
        {
            offset += _columns[i].Length + 1;
        }

        return new SourceLocation(_options.DisplayPath, 1, offset);
    }

    public override bool Read()
    {
        if (_done)
        {
            return false;
        }

        try
        {
            if (!_sep.MoveNext())
            {
                _done = true;
                _row.ThrowIfLastRowHasOpenQuote();
                return false;
            }

            _row.Load(_sep.Current);
            return true;
        }
        catch (InvalidDataException e)
        {
            throw RaggedError(e);
        }
        catch (DecoderFallbackException)
        {
            throw Utf8Error(_options);
        }
    }

    public override RowBatch CreateBatch(IEnumerable<int> columns, int capacity) =>
        new CsvRowBatch(_options, _columns.Length, columns, capacity);

    public override bool ReadBatch(RowBatch batch)
    {
        var rows = (CsvRowBatch)batch;
        rows.Clear();
        if (_done)
        {
            return false;
        }

        try
        {
            var rowOffset = _options.HasHeader ? 0 : 1;
            while (!rows.IsFull)
            {
                if (!_sep.MoveNext())
                {
                    _done = true;
                    break;
                }

                var row = _sep.Current;
                rows.Append(row, row.RowIndex + rowOffset);
            }
        }
        catch (InvalidDataException e)
        {
            throw RaggedError(e);
        }
        catch (DecoderFallbackException)
        {
            throw Utf8Error(_options);
        }

        rows.SetPosition(Position);
        return rows.Count > 0;
    }

    /// <summary>
    /// Reads every remaining row straight from Sep, handing the chosen columns' cells to a visitor without copying
    /// rows: the path for passes that only collect values, such as drift. Malformed input throws as <see cref="Read"/> does.
    /// </summary>
    public long Scan<TVisitor>(int[] columns, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        var nulls = _options.NullValues.ToArray();
        var emptyOnly = nulls is [""];
        var scratch = new char[256];
        long rows = 0;
        try
        {
            while (!_done && _sep.MoveNext())
            {
                var row = _sep.Current;
                rows++;
                var raw = row.Span;
                if (row.LineNumberToExcl - row.LineNumberFrom > 1 && raw.Count('"') % 2 == 1)
                {
                    var quote = raw.IndexOf('"');
                    var line = row.LineNumberFrom + raw[..quote].Count('\n');
                    throw new GatesInputException(
                        ErrorCodes.UnclosedQuote,
                        $"{_options.DisplayPath}: the quote opened at line {line} is never closed",
                        new SourceLocation(_options.DisplayPath, line, 1));
                }

                for (var k = 0; k < columns.Length; k++)
                {
                    var original = row[columns[k]].Span;
                    var cell = original;
                    var quoted = cell.Length > 0 && cell[0] == '"';
                    if (quoted)
                    {
                        if (scratch.Length < cell.Length)
                        {
                            scratch = new char[cell.Length * 2];
                        }

                        cell = scratch.AsSpan(0, CsvRowBatch.UnquoteInto(cell, scratch));
                    }

                    if (IsNull(cell, quoted, emptyOnly, nulls))
                    {
                        visitor.Missing(k);
                        continue;
                    }

                    visitor.Visit(k, cell, row.LineNumberFrom, Offset(raw, original) + 1);
                }
            }

            _done = true;
            return rows;
        }
        catch (InvalidDataException e)
        {
            throw RaggedError(e);
        }
        catch (DecoderFallbackException)
        {
            throw Utf8Error(_options);
        }
    }

    private static bool IsNull(ReadOnlySpan<char> cell, bool quoted, bool emptyOnly, string[] nulls)
    {
        if (emptyOnly)
        {
            return cell.IsEmpty && !quoted;
        }

        foreach (var marker in nulls)
        {
            if (cell.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    private static int Offset(ReadOnlySpan<char> row, ReadOnlySpan<char> cell) =>
        (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(cell)) / sizeof(char));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sep.Dispose();
            _stream.Dispose();
        }
    }

    private static string[] ReadHeader(DatasetOptions options, SepReader sep)
    {
        if (!options.HasHeader)
        {
            var count = sep.HasRows ? sep.Current.ColCount : 0;
            return Enumerable.Range(1, count).Select(i => $"column_{i}").ToArray();
        }

        var names = sep.Header.ColNames.Select(n => CsvRow.Unquote(n)).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!seen.Add(names[i]))
            {
                throw new GatesInputException(ErrorCodes.BadHeader, $"{options.DisplayPath}: column '{names[i]}' appears twice in the header", new SourceLocation(options.DisplayPath, 1, 1));
            }
        }

        return names;
    }

    private GatesInputException RaggedError(InvalidDataException e)
    {
        var match = LinesPattern().Match(e.Message);
        var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var lineEnd = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        var found = FoundPattern().Match(e.Message);
        var count = found.Success ? found.Groups[1].Value : "a different number of";
        var hint = lineEnd > line + 1 ? " (the row spans several lines: is a quote left open?)" : string.Empty;
        return new GatesInputException(
            ErrorCodes.RaggedRow,
            $"{_options.DisplayPath}: line {line} has {count} fields where the header has {_columns.Length}{hint}",
            new SourceLocation(_options.DisplayPath, line, 1),
            e);
    }

    private static GatesInputException Utf8Error(DatasetOptions options)
    {
        var (line, column, offset) = DataFiles.FindInvalidUtf8(options.Path);
        return new GatesInputException(
            ErrorCodes.InvalidUtf8,
            $"{options.DisplayPath}: invalid UTF-8 at byte {offset} (set encoding: on the dataset if the file is not UTF-8)",
            new SourceLocation(options.DisplayPath, line, column));
    }

    [GeneratedRegex(@"lines \[(\d+)\.\.(\d+)\]")]
    private static partial Regex LinesPattern();

    [GeneratedRegex(@"Found (\d+) column")]
    private static partial Regex FoundPattern();

    /// <summary>A copy of Sep's current row with each cell's offset in the raw text.</summary>
    private sealed class CsvRow : RowView
    {
        private readonly DatasetOptions _options;
        private readonly Cell[] _cells;
        private readonly bool _emptyIsOnlyNull;
        private readonly string[] _nullValues;
        private char[] _buffer = new char[256];
        private int _rawLength;
        private int _lineFrom;
        private int _lineTo;

        public CsvRow(DatasetOptions options, int columns)
        {
            _options = options;
            _cells = new Cell[columns];
            _nullValues = options.NullValues.ToArray();
            _emptyIsOnlyNull = _nullValues is [""];
        }

        public override int ColumnCount => _cells.Length;

        public void Load(SepReader.Row row)
        {
            Row = row.RowIndex + (_options.HasHeader ? 0 : 1);
            _lineFrom = row.LineNumberFrom;
            _lineTo = row.LineNumberToExcl;
            var raw = row.Span;
            var need = raw.Length * 2;
            if (_buffer.Length < need)
            {
                _buffer = new char[Math.Max(need, _buffer.Length * 2)];
            }

            raw.CopyTo(_buffer);
            _rawLength = raw.Length;
            var scratch = raw.Length;
            ref var rawStart = ref MemoryMarshal.GetReference(raw);
            var cells = _cells;
            for (var i = 0; i < cells.Length; i++)
            {
                ref var cell = ref cells[i];
                var span = row[i].Span;
                var offset = span.IsEmpty && i > 0
                    ? cells[i - 1].RawStart + cells[i - 1].RawLength + 1
                    : (int)(Unsafe.ByteOffset(ref rawStart, ref MemoryMarshal.GetReference(span)) / sizeof(char));
                cell.RawStart = offset;
                cell.RawLength = span.Length;
                cell.Quoted = span.Length >= 1 && span[0] == '"';
                if (cell.Quoted)
                {
                    var written = CsvRowBatch.UnquoteInto(span, _buffer.AsSpan(scratch));
                    cell.Start = scratch;
                    cell.Length = written;
                    scratch += written;
                }
                else
                {
                    cell.Start = offset;
                    cell.Length = span.Length;
                }
            }
        }

        public void ThrowIfLastRowHasOpenQuote()
        {
            if (_rawLength == 0)
            {
                return;
            }

            var raw = _buffer.AsSpan(0, _rawLength);
            if (raw.Count('"') % 2 == 0)
            {
                return;
            }

            var quote = raw.IndexOf('"');
            var (line, column) = LineAndColumn(quote);
            throw new GatesInputException(
                ErrorCodes.UnclosedQuote,
                $"{_options.DisplayPath}: the quote opened at line {line}, column {column} is never closed",
                new SourceLocation(_options.DisplayPath, line, column));
        }

        public override bool IsNull(int column)
        {
            ref readonly var cell = ref _cells[column];
            if (_emptyIsOnlyNull)
            {
                return cell.Length == 0 && !cell.Quoted;
            }

            var text = _buffer.AsSpan(cell.Start, cell.Length);
            foreach (var marker in _nullValues)
            {
                if (text.SequenceEqual(marker))
                {
                    return true;
                }
            }

            return false;
        }

        public override ReadOnlySpan<char> Text(int column)
        {
            ref readonly var cell = ref _cells[column];
            return _buffer.AsSpan(cell.Start, cell.Length);
        }

        public override bool TryGetDouble(int column, out double value)
        {
            ref var cell = ref _cells[column];
            if (cell.ParsedAt != Row)
            {
                cell.ParsedAt = Row;
                cell.ParsedOk = Numbers.TryParse(_buffer.AsSpan(cell.Start, cell.Length), out cell.Parsed);
            }

            value = cell.Parsed;
            return cell.ParsedOk;
        }

        public override SourceLocation Locate(int column)
        {
            var (line, col) = LineAndColumn(_cells[column].RawStart);
            return new SourceLocation(_options.DisplayPath, line, col);
        }

        public static string Unquote(string text)
        {
            if (text.Length < 2 || text[0] != '"')
            {
                return text;
            }

            var buffer = new char[text.Length];
            var written = CsvRowBatch.UnquoteInto(text, buffer);
            return new string(buffer, 0, written);
        }

        private (int Line, int Column) LineAndColumn(int offset) =>
            CsvRowBatch.LineAndColumn(_buffer.AsSpan(0, _rawLength), _lineFrom, _lineTo, offset);


        /// <summary>Where a cell is in the row buffer, raw and unquoted, and its number once parsed.</summary>
        private struct Cell
        {
            public int Start;
            public int Length;
            public int RawStart;
            public int RawLength;
            public long ParsedAt;
            public double Parsed;
            public bool Quoted;
            public bool ParsedOk;
        }
    }
}
