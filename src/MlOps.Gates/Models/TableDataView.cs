using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// A dataset read by MlOps.Gates' own readers (CSV through Sep, Parquet) shown to ML.NET as an <see cref="IDataView"/>
/// of the columns a model needs, in the model's types: the same parsing as every other gate (invariant culture,
/// null values) and errors that name the file, line and column of a bad cell. Each cursor streams the file afresh.
/// </summary>
public sealed class TableDataView : IDataView
{
    private readonly DatasetOptions _dataset;
    private readonly IReadOnlyList<DataViewColumn> _columns;

    public TableDataView(DatasetOptions dataset, IReadOnlyList<DataViewColumn> columns)
    {
        _dataset = dataset;
        _columns = columns;
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
        {
            builder.AddColumn(column.Name, column.Type);
        }

        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly TableDataView _view;
        private readonly TableReader _reader;
        private readonly int[][] _sources;
        private readonly RowBatch _batch;
        private long _position = -1;
        private int _index;

        public Cursor(TableDataView view)
        {
            _view = view;
            _reader = TableReaders.Open(view._dataset);
            _sources = view._columns.Select(c => c.Sources.Select(s => Find(s)).ToArray()).ToArray();
            _batch = _reader.CreateBatch(_sources.SelectMany(s => s));
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (++_index >= _batch.Count)
            {
                if (!_reader.ReadBatch(_batch))
                {
                    return false;
                }

                _index = 0;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var sources = _sources[column.Index];
            var type = _view._columns[column.Index].Type;
            var raw = type is VectorDataViewType vector ? vector.ItemType.RawType : type.RawType;
            Delegate getter = type is VectorDataViewType
                ? raw == typeof(float) ? VectorGetter(sources, c => (float)Number(c, float.NaN))
                : raw == typeof(double) ? VectorGetter(sources, c => Number(c, double.NaN))
                : raw == typeof(long) ? VectorGetter(sources, c => (long)Number(c, 0))
                : raw == typeof(int) ? VectorGetter(sources, c => (int)Number(c, 0))
                : raw == typeof(bool) ? VectorGetter(sources, Boolean)
                : raw == typeof(ReadOnlyMemory<char>) ? VectorGetter(sources, Text)
                : throw Unsupported(column, type)
                : raw == typeof(float) ? (ValueGetter<float>)((ref float v) => v = (float)Number(sources[0], float.NaN))
                : raw == typeof(double) ? (ValueGetter<double>)((ref double v) => v = Number(sources[0], double.NaN))
                : raw == typeof(int) ? (ValueGetter<int>)((ref int v) => v = (int)Number(sources[0], 0))
                : raw == typeof(long) ? (ValueGetter<long>)((ref long v) => v = (long)Number(sources[0], 0))
                : raw == typeof(uint) ? (ValueGetter<uint>)((ref uint v) => v = (uint)Number(sources[0], 0))
                : raw == typeof(bool) ? (ValueGetter<bool>)((ref bool v) => v = Boolean(sources[0]))
                : raw == typeof(ReadOnlyMemory<char>) ? (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = Text(sources[0]))
                : throw Unsupported(column, type);
            return (ValueGetter<TValue>)getter;
        }

        private static ValueGetter<VBuffer<T>> VectorGetter<T>(int[] sources, Func<int, T> read) =>
            (ref VBuffer<T> v) =>
            {
                var editor = VBufferEditor.Create(ref v, sources.Length);
                for (var i = 0; i < sources.Length; i++)
                {
                    editor.Values[i] = read(sources[i]);
                }

                v = editor.Commit();
            };

        private double Number(int column, double missing)
        {
            if (_batch.Missing(column)[_index])
            {
                return missing;
            }

            var numbers = _batch.Numbers(column);
            if (!numbers.IsNumber[_index])
            {
                var at = _batch.Locate(_index, column);
                throw new GatesInputException(
                    ErrorCodes.SchemaMismatch,
                    $"{Describe(at)}: the model reads '{_reader.Columns[column]}' as a number, but the cell holds '{_batch.TextAt(_index, column).ToString()}'",
                    at);
            }

            return numbers.Values[_index];
        }

        private bool Boolean(int column)
        {
            if (_batch.Missing(column)[_index])
            {
                return false;
            }

            var text = _batch.TextAt(_index, column);
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1") || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0") || text.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var at = _batch.Locate(_index, column);
            throw new GatesInputException(
                ErrorCodes.SchemaMismatch,
                $"{Describe(at)}: the model reads '{_reader.Columns[column]}' as a boolean, but the cell holds '{text.ToString()}'",
                at);
        }

        private ReadOnlyMemory<char> Text(int column) =>
            _batch.Missing(column)[_index] ? ReadOnlyMemory<char>.Empty : _batch.TextAt(_index, column).ToString().AsMemory();

        private int Find(string name)
        {
            var index = _reader.IndexOf(name);
            if (index < 0)
            {
                throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{_view._dataset.DisplayPath} has no column '{name}'", new SourceLocation(_view._dataset.DisplayPath, 1, 1));
            }

            return index;
        }

        private string Describe(SourceLocation at) =>
            at.Line > 0 ? at.ToString() : string.Create(CultureInfo.InvariantCulture, $"{at.File} row {_batch.RowAt(_index)}");

        private GatesInputException Unsupported(DataViewSchema.Column column, DataViewType type) =>
            new(ErrorCodes.SchemaMismatch, $"the model's input '{column.Name}' has type {type}, which a data file cannot supply", new SourceLocation(_view._dataset.DisplayPath));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
