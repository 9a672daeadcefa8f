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
    private bool _done;
    private int? _expectedRows;

    private CsvTableReader(DatasetOptions options, FileStream stream, SepReader sep, string[] columns)
    {
        _options = options;
        _stream = stream;
        _sep = sep;
        _columns = columns;
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _stream.CanSeek ? _stream.Position : 0;

    public override long Length => _stream.Length;

    public override int ExpectedRows => _expectedRows ??= DataFiles.ExpectedRows(_options);

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
            catch (ArgumentException e) when (DuplicateColumnPattern().Match(e.Message) is { Success: true } duplicate)
            {
                // Sep lists every place of the name, which for a wide file is kilobytes of text.
                throw new GatesInputException(ErrorCodes.BadHeader, $"{options.DisplayPath}: column '{Clip(duplicate.Groups[1].Value)}' appears {duplicate.Groups[2].Value} times in the header", new SourceLocation(options.DisplayPath, 1, 1), e);
            }
            catch (ArgumentException e)
            {
                throw new GatesInputException(ErrorCodes.BadHeader, $"{options.DisplayPath}: {Clip(e.Message)}", new SourceLocation(options.DisplayPath, 1, 1), e);
            }

            var columns = ReadHeader(options, sep);
            if (!sep.HasRows && options.HasHeader)
            {
                ThrowIfRowsHideInOpenQuote(options);
            }

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

    protected override RowBatch CreateBatch(int[] columns, int capacity) =>
        new CsvRowBatch(_options, _columns.Length, columns, capacity, _sep.Spec.Sep.Separator);

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Scan<TVisitor>(int[] columns, ref TVisitor visitor, CancellationToken cancellationToken = default)
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
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var raw = row.Span;
                var line = SepLines.From(row, _options.HasHeader);
                CsvRowBatch.ThrowIfQuoteLeftOpen(raw, line, row.LineNumberToExcl, _options.DisplayPath);

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

                    if (emptyOnly ? cell.IsEmpty && !quoted : CsvRowBatch.IsMarker(cell, nulls))
                    {
                        visitor.Missing(k);
                        continue;
                    }

                    visitor.Visit(k, cell, line, Offset(raw, original) + 1);
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

    private static int Offset(ReadOnlySpan<char> row, ReadOnlySpan<char> cell) =>
        (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(cell)) / sizeof(char));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sep.Dispose();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string[] ReadHeader(DatasetOptions options, SepReader sep)
    {
        if (!options.HasHeader)
        {
            return Enumerable.Range(1, FirstRowFieldCount(options)).Select(i => $"column_{i}").ToArray();
        }

        var names = sep.Header.ColNames.Select(Unquote).ToArray();
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

    /// <summary>
    /// Sep reports no rows when the only row after the header opens a quote it never closes; that file has data, and
    /// its error is the quote.
    /// </summary>
    private static void ThrowIfRowsHideInOpenQuote(DatasetOptions options)
    {
        using var stream = DataFiles.OpenRead(options);
        using var text = new StreamReader(stream, DataFiles.TextEncoding(options), detectEncodingFromByteOrderMarks: true);
        var all = text.ReadToEnd().AsSpan();
        var headerEnd = all.IndexOf('\n');
        if (headerEnd < 0)
        {
            return;
        }

        var rest = all[(headerEnd + 1)..];
        if (rest.Trim().IsEmpty)
        {
            return;
        }

        CsvRowBatch.ThrowIfQuoteLeftOpen(rest, 2, 2 + rest.Count('\n'), options.DisplayPath);
    }

    /// <summary>
    /// The number of fields of a headerless file's first row, which Sep only knows once that row is read: a second
    /// look at the file that reads the first row as if it were a header.
    /// </summary>
    private static int FirstRowFieldCount(DatasetOptions options)
    {
        using var stream = DataFiles.OpenRead(options);
        using var text = new StreamReader(stream, DataFiles.TextEncoding(options), detectEncodingFromByteOrderMarks: true);
        var delimiter = options.Delimiter ?? (options.Format == DataFormat.Tsv ? '\t' : (char?)null);
        using var first = Sep.Reader(o => o with { Sep = delimiter is null ? null : new Sep(delimiter.Value), HasHeader = true, Unescape = false }).From(text);
        return first.Header.ColNames.Count;
    }

    private GatesInputException RaggedError(InvalidDataException e)
    {
        var match = LinesPattern().Match(e.Message);
        var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var lineEnd = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        var found = FoundPattern().Match(e.Message);
        var count = found.Success ? found.Groups[1].Value : "a different number of";
        if (lineEnd > line + 1)
        {
            ThrowIfQuoteOpensAt(line, lineEnd);
        }

        var hint = lineEnd > line + 1 ? " (the row spans several lines: is a quote left open?)" : string.Empty;
        return new GatesInputException(
            ErrorCodes.RaggedRow,
            $"{_options.DisplayPath}: line {line} has {count} fields where the header has {_columns.Length}{hint}",
            new SourceLocation(_options.DisplayPath, line, 1),
            e);
    }

    /// <summary>A row that ran over several lines to a wrong field count holds a quote that is never closed: say that.</summary>
    private void ThrowIfQuoteOpensAt(int line, int lineEnd)
    {
        var lines = File.ReadLines(_options.Path, DataFiles.TextEncoding(_options)).Skip(line - 1).Take(lineEnd - line);
        var raw = string.Join('\n', lines);
        CsvRowBatch.ThrowIfQuoteLeftOpen(raw, line, lineEnd, _options.DisplayPath);
    }

    private static GatesInputException Utf8Error(DatasetOptions options)
    {
        var (line, column, offset) = DataFiles.FindInvalidUtf8(options.Path);
        return new GatesInputException(
            ErrorCodes.InvalidUtf8,
            $"{options.DisplayPath}: invalid UTF-8 at byte {offset} (set encoding: on the dataset if the file is not UTF-8)",
            new SourceLocation(options.DisplayPath, line, column));
    }

    [GeneratedRegex(@"Col name '(.*?)' found (\d+) times")]
    private static partial Regex DuplicateColumnPattern();

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex(@"lines \[(\d+)\.\.(\d+)\]")]
    private static partial Regex LinesPattern();

    [GeneratedRegex(@"Found (\d+) column")]
    private static partial Regex FoundPattern();

    private static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"')
        {
            return text;
        }

        var buffer = new char[text.Length];
        return new string(buffer, 0, CsvRowBatch.UnquoteInto(text, buffer));
    }
}
