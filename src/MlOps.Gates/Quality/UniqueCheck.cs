using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>unique</c> over one column and <c>compound_unique</c> over several. As in Great Expectations every row whose
/// value occurs more than once is unexpected, the first occurrence included; rows with a missing value are left out.
/// Keeps one small entry per distinct value (a hash, its first row and place): the one check whose memory grows with the data.
/// </summary>
public sealed class UniqueCheck(CheckSpec spec) : Check(spec)
{
    private ValueTable _seen = new(16);
    private readonly XxHash128 _hash = new();
    private readonly List<UnexpectedValue> _partial = [];
    private int[] _indices = [];
    private long _elements;
    private long _missing;
    private long _unexpected;
    private string? _missingColumn;

    public override string Description => Spec.Columns.Count == 1
        ? $"values of '{Spec.Columns[0]}' are unique"
        : $"combinations of ({string.Join(", ", Spec.Columns)}) are unique";

    public override bool NeedsRows => _missingColumn is null;

    public override bool Bind(TableReader table)
    {
        _indices = Spec.Columns.Select(table.IndexOf).ToArray();
        var missing = Array.IndexOf(_indices, -1);
        _missingColumn = missing >= 0 ? Spec.Columns[missing] : null;

        // A unique column holds as many values as rows: sized once, the table never copies itself as it grows.
        _seen = new ValueTable(table.ExpectedRows);
        return _missingColumn is null;
    }

    public override IReadOnlyList<int> ColumnsRead => _missingColumn is null ? _indices : [];

    public override void Observe(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _elements++;
            if (AnyMissing(batch, i))
            {
                _missing++;
                continue;
            }

            ref var seen = ref _seen.Find(Key(batch, i), out var exists);
            var row = batch.RowAt(i);
            if (!exists)
            {
                // Where the first occurrence is matters only while findings are still being collected.
                (seen.Line, seen.Column) = _partial.Count < MaxPartialUnexpected ? batch.LineAndColumn(i, _indices[0]) : (0, 0);
                seen.Row = row;
                continue;
            }

            _unexpected += seen.Repeated ? 1 : 2;
            if (_partial.Count < MaxPartialUnexpected)
            {
                var here = batch.Locate(i, _indices[0]);
                var value = Value(batch, i);
                if (!seen.Repeated)
                {
                    Remember(value, seen.Row, here with { Line = seen.Line, Column = seen.Column });
                }

                Remember(value, row, here);
            }

            seen.Repeated = true;
        }
    }

    private bool AnyMissing(RowBatch batch, int index)
    {
        foreach (var column in _indices)
        {
            if (batch.Missing(column)[index])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A 128-bit hash of the value (each cell's length, then its text, for several columns, so no two different
    /// combinations run together): memory per distinct value stays small, and two values are taken as equal only
    /// when their hashes are, which a false duplicate would need a collision to break.
    /// </summary>
    private UInt128 Key(RowBatch batch, int index)
    {
        if (_indices.Length == 1)
        {
            return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(batch.TextAt(index, _indices[0])));
        }

        _hash.Reset();
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var column in _indices)
        {
            var text = batch.TextAt(index, column);
            BitConverter.TryWriteBytes(length, text.Length);
            _hash.Append(length);
            _hash.Append(MemoryMarshal.AsBytes(text));
        }

        return _hash.GetCurrentHashAsUInt128();
    }

    private string Value(RowBatch batch, int index) => _indices.Length == 1
        ? Clip(batch.TextAt(index, _indices[0]))
        : Clip(string.Join(',', _indices.Select(c => batch.TextAt(index, c).ToString())));

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (_missingColumn is not null)
        {
            return Result(false, $"column '{_missingColumn}' is not in {summary.DisplayPath}");
        }

        var denominator = _elements - _missing;
        var percent = denominator == 0 ? 0.0 : 100.0 * _unexpected / denominator;
        var mostly = Spec.Mostly ?? 1.0;
        var success = denominator == 0 || (double)(denominator - _unexpected) / denominator >= mostly;
        var message = _unexpected == 0
            ? string.Create(CultureInfo.InvariantCulture, $"all {denominator} values distinct")
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} rows ({percent:0.###}%) share a value with another row; first: '{First.Value}' in row {First.Row}");
        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = _partial.OrderBy(p => p.Row).ToList(),
            ObservedValue = (double)_seen.Count,
        };
    }

    private UnexpectedValue First => _partial.MinBy(p => p.Row)!;

    private void Remember(string value, long row, SourceLocation location)
    {
        if (_partial.Count < MaxPartialUnexpected)
        {
            _partial.Add(new UnexpectedValue(value, row, location));
        }
    }
}
