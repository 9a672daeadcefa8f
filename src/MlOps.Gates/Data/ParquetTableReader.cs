using System.Globalization;
using MlOps.Gates.Results;
using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Data;

/// <summary>
/// Reads a Parquet file one row group at a time through Parquet.Net, so memory follows the largest row group,
/// not the file. Flat columns only; a finding points at the file and names the row.
/// </summary>
public sealed class ParquetTableReader : TableReader
{
    private readonly DatasetOptions _options;
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly string[] _columns;
    private readonly ParquetColumn[] _loaded;
    private int _group = -1;
    private long _groupRows;
    private long _indexInGroup;
    private long _rowsBefore;

    private ParquetTableReader(DatasetOptions options, FileStream stream, ParquetReader reader, DataField[] fields)
    {
        _options = options;
        _stream = stream;
        _reader = reader;
        _fields = fields;
        _columns = fields.Select(f => f.Name).ToArray();
        _loaded = new ParquetColumn[fields.Length];
        Length = stream.Length;
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _stream.Position;

    public override long Length { get; }

    public override int ExpectedRows => (int)Math.Min(_reader.RowGroups.Sum(g => g.RowCount), Array.MaxLength / 2);

    public static ParquetTableReader Open(DatasetOptions options)
    {
        var stream = DataFiles.OpenRead(options);
        try
        {
            if (stream.Length == 0)
            {
                throw new GatesInputException(ErrorCodes.EmptyData, $"{options.DisplayPath} is empty", new SourceLocation(options.DisplayPath));
            }

            ParquetReader reader;
            try
            {
                reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not GatesInputException)
            {
                throw new GatesInputException(ErrorCodes.UnreadableParquet, $"{options.DisplayPath} is not a readable Parquet file: {e.Message}", new SourceLocation(options.DisplayPath), e);
            }

            var fields = reader.Schema.GetDataFields();
            var nested = fields.FirstOrDefault(f => f.IsArray || f.Path.Length > 1);
            if (nested is not null)
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new GatesInputException(ErrorCodes.UnreadableParquet, $"{options.DisplayPath}: column '{nested.Path}' is nested or repeated; only flat columns are supported", new SourceLocation(options.DisplayPath));
            }

            var total = reader.RowGroups.Sum(g => g.RowCount);
            if (total == 0 && !options.AllowEmpty)
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new GatesInputException(ErrorCodes.EmptyData, $"{options.DisplayPath} has no rows (set allow_empty: true on the dataset if that is expected)", new SourceLocation(options.DisplayPath));
            }

            return new ParquetTableReader(options, stream, reader, fields);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override SourceLocation HeaderLocation(int column) => new(_options.DisplayPath);

    protected override RowBatch CreateBatch(int[] columns, int capacity) =>
        new ParquetRowBatch(_options, _columns.Length, columns, capacity);

    public override bool ReadBatch(RowBatch batch)
    {
        if (!NextGroupIfDone())
        {
            return false;
        }

        var count = (int)Math.Min(((ParquetRowBatch)batch).Capacity, _groupRows - _indexInGroup);
        ((ParquetRowBatch)batch).Show(_loaded, (int)_indexInGroup, count, _rowsBefore + _indexInGroup + 1, Position);
        _indexInGroup += count;
        return true;
    }

    /// <summary>Loads the next row group once the current one is used up; false after the last.</summary>
    private bool NextGroupIfDone()
    {
        while (_indexInGroup >= _groupRows)
        {
            _rowsBefore += _groupRows;
            _group++;
            if (_group >= _reader.RowGroupCount)
            {
                return false;
            }

            try
            {
                LoadGroup(_group);
            }
            catch (Exception e) when (e is not GatesInputException)
            {
                throw new GatesInputException(ErrorCodes.UnreadableParquet, $"{_options.DisplayPath}: row group {_group} cannot be read: {e.Message}", new SourceLocation(_options.DisplayPath), e);
            }
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private void LoadGroup(int index)
    {
        using var group = _reader.OpenRowGroupReader(index);
        _groupRows = group.RowCount;
        _indexInGroup = 0;
        var rows = checked((int)group.RowCount);
        for (var i = 0; i < _fields.Length; i++)
        {
            _loaded[i] = ReadColumn(group, _fields[i], rows);
        }
    }

    private static ParquetColumn ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[rows];
            group.ReadAsync(field, values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
            return ParquetColumn.FromText(values, isString: true);
        }

        if (type == typeof(double))
        {
            return Numeric<double>(group, field, rows, v => v);
        }

        if (type == typeof(float))
        {
            return Numeric<float>(group, field, rows, v => v);
        }

        if (type == typeof(int))
        {
            return Numeric<int>(group, field, rows, v => v, integral: true);
        }

        if (type == typeof(long))
        {
            return Numeric<long>(group, field, rows, v => v, integral: true);
        }

        if (type == typeof(short))
        {
            return Numeric<short>(group, field, rows, v => v, integral: true);
        }

        if (type == typeof(byte))
        {
            return Numeric<byte>(group, field, rows, v => v, integral: true);
        }

        if (type == typeof(sbyte))
        {
            return Numeric<sbyte>(group, field, rows, v => v, integral: true);
        }

        if (type == typeof(decimal))
        {
            return Numeric<decimal>(group, field, rows, v => (double)v);
        }

        if (type == typeof(bool))
        {
            var values = ReadValues<bool>(group, field, rows);
            return ParquetColumn.FromText(values.Select(v => v is null ? null : v.Value ? "true" : "false").ToArray(), isString: false);
        }

        if (type == typeof(DateTime))
        {
            var values = ReadValues<DateTime>(group, field, rows);
            return ParquetColumn.FromText(values.Select(v => v?.ToString("O", CultureInfo.InvariantCulture)).ToArray(), isString: false);
        }

        if (type == typeof(DateTimeOffset))
        {
            var values = ReadValues<DateTimeOffset>(group, field, rows);
            return ParquetColumn.FromText(values.Select(v => v?.ToString("O", CultureInfo.InvariantCulture)).ToArray(), isString: false);
        }

        throw new GatesInputException(ErrorCodes.UnreadableParquet, $"column '{field.Name}' has Parquet type {type.Name}, which is not supported", null);
    }

    /// <summary>
    /// A value-type column as nullable values. A required column is read through the non-nullable overload: Parquet.Net
    /// 6.1's nullable overload reads definition levels a required column does not have, and returned stray nulls and
    /// shifted values for one (seen under the test host, with a 3,000-row column).
    /// </summary>
    private static T?[] ReadValues<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable)
        {
            group.ReadAsync<T>(field, values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
            return values;
        }

        var required = new T[rows];
        group.ReadAsync<T>(field, required.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < rows; i++)
        {
            values[i] = required[i];
        }

        return values;
    }

    private static ParquetColumn Numeric<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, double> convert, bool integral = false)
        where T : struct
    {
        var values = ReadValues<T>(group, field, rows);
        var numbers = new double[rows];
        var nulls = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            if (values[i] is { } v)
            {
                numbers[i] = convert(v);
            }
            else
            {
                nulls[i] = true;
            }
        }

        return ParquetColumn.FromNumbers(numbers, nulls, integral);
    }
}
