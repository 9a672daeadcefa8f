using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Gates.Models;

/// <summary>Reads one output column of a scored view, whatever its type, as numbers (a scalar or every slot of a vector) or text.</summary>
internal sealed class OutputColumn
{
    private readonly Func<double>? _scalar;
    private readonly Func<string>? _text;
    private readonly Action<List<double>>? _vector;

    public OutputColumn(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        Column = column;
        var type = column.Type;
        if (type is VectorDataViewType vector)
        {
            Size = vector.Size;
            _vector = VectorReader(cursor, column, vector.ItemType.RawType);
            return;
        }

        Size = 1;
        var raw = type.RawType;
        if (raw == typeof(ReadOnlyMemory<char>))
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            _text = () => { get(ref value); return value.ToString(); };
            return;
        }

        _scalar = ScalarReader(cursor, column, raw);
    }

    public DataViewSchema.Column Column { get; }

    /// <summary>Slots per row: 1 for a scalar, the vector's length (0 when it varies) for a vector.</summary>
    public int Size { get; }

    public bool IsVector => _vector is not null;

    public bool IsText => _text is not null;

    public bool IsKey => Column.Type is KeyDataViewType;

    public bool IsBoolean => Column.Type.RawType == typeof(bool);

    public double Scalar() => _scalar is not null ? _scalar() : throw new InvalidOperationException($"'{Column.Name}' is not a number");

    public string Text() => _text is not null ? _text() : Scalar().ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public void Vector(List<double> into)
    {
        into.Clear();
        if (_vector is not null)
        {
            _vector(into);
        }
        else
        {
            into.Add(Scalar());
        }
    }

    private static Func<double> ScalarReader(DataViewRowCursor cursor, DataViewSchema.Column column, Type raw)
    {
        if (raw == typeof(float)) { var g = cursor.GetGetter<float>(column); float v = 0; return () => { g(ref v); return v; }; }
        if (raw == typeof(double)) { var g = cursor.GetGetter<double>(column); double v = 0; return () => { g(ref v); return v; }; }
        if (raw == typeof(bool)) { var g = cursor.GetGetter<bool>(column); var v = false; return () => { g(ref v); return v ? 1 : 0; }; }
        if (raw == typeof(uint)) { var g = cursor.GetGetter<uint>(column); uint v = 0; return () => { g(ref v); return v; }; }
        if (raw == typeof(int)) { var g = cursor.GetGetter<int>(column); var v = 0; return () => { g(ref v); return v; }; }
        if (raw == typeof(long)) { var g = cursor.GetGetter<long>(column); long v = 0; return () => { g(ref v); return v; }; }
        if (raw == typeof(ulong)) { var g = cursor.GetGetter<ulong>(column); ulong v = 0; return () => { g(ref v); return v; }; }
        throw new InvalidOperationException($"the output '{column.Name}' has type {column.Type}, which cannot be read as a prediction");
    }

    private static Action<List<double>> VectorReader(DataViewRowCursor cursor, DataViewSchema.Column column, Type raw)
    {
        if (raw == typeof(float)) { var g = cursor.GetGetter<VBuffer<float>>(column); VBuffer<float> v = default; return into => { g(ref v); foreach (var x in v.DenseValues()) { into.Add(x); } }; }
        if (raw == typeof(double)) { var g = cursor.GetGetter<VBuffer<double>>(column); VBuffer<double> v = default; return into => { g(ref v); foreach (var x in v.DenseValues()) { into.Add(x); } }; }
        if (raw == typeof(long)) { var g = cursor.GetGetter<VBuffer<long>>(column); VBuffer<long> v = default; return into => { g(ref v); foreach (var x in v.DenseValues()) { into.Add(x); } }; }
        if (raw == typeof(int)) { var g = cursor.GetGetter<VBuffer<int>>(column); VBuffer<int> v = default; return into => { g(ref v); foreach (var x in v.DenseValues()) { into.Add(x); } }; }
        if (raw == typeof(bool)) { var g = cursor.GetGetter<VBuffer<bool>>(column); VBuffer<bool> v = default; return into => { g(ref v); foreach (var x in v.DenseValues()) { into.Add(x ? 1 : 0); } }; }
        throw new InvalidOperationException($"the output '{column.Name}' has type {column.Type}, which cannot be read as a prediction");
    }
}
