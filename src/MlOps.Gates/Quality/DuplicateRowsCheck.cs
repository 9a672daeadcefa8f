using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>duplicate_rows_at_most</c>: rows identical to an earlier row, in every column, number at most <c>max</c>
/// (or make up at most <c>max_share</c> of the rows). Rows are told apart by a 128-bit hash of their cells, so memory
/// is a few dozen bytes a distinct row and a false duplicate would need a hash collision.
/// </summary>
public sealed class DuplicateRowsCheck(CheckSpec spec, long? max, double? maxShare) : Check(spec)
{
    private readonly Dictionary<UInt128, long> _firstRow = [];
    private readonly List<UnexpectedValue> _partial = [];
    private readonly XxHash128 _hash = new();
    private int[] _columns = [];
    private long _rows;
    private long _duplicates;

    public override string Description => max is not null
        ? string.Create(CultureInfo.InvariantCulture, $"at most {max} duplicate rows")
        : string.Create(CultureInfo.InvariantCulture, $"at most {maxShare:0.######} of rows are duplicates");

    public override IReadOnlyList<int> ColumnsRead => _columns;

    public override bool Bind(TableReader table)
    {
        _columns = Enumerable.Range(0, table.Columns.Count).ToArray();
        _firstRow.EnsureCapacity(table.ExpectedRows);
        return true;
    }

    public override void Observe(RowBatch batch)
    {
        Span<byte> separator = [0x1f, 0];
        for (var i = 0; i < batch.Count; i++)
        {
            _rows++;
            _hash.Reset();
            foreach (var column in _columns)
            {
                _hash.Append(MemoryMarshal.AsBytes(batch.TextAt(i, column)));
                _hash.Append(separator);
            }

            var key = _hash.GetCurrentHashAsUInt128();
            var row = batch.RowAt(i);
            if (_firstRow.TryAdd(key, row))
            {
                continue;
            }

            _duplicates++;
            if (_partial.Count < MaxPartialUnexpected)
            {
                _partial.Add(new UnexpectedValue(string.Create(CultureInfo.InvariantCulture, $"same as row {_firstRow[key]}"), row, batch.Locate(i, 0)));
            }
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        var share = _rows == 0 ? 0 : (double)_duplicates / _rows;
        var success = max is not null ? _duplicates <= max : share <= maxShare;
        return Result(success, string.Create(CultureInfo.InvariantCulture, $"{_duplicates} duplicate rows of {_rows} ({share * 100:0.###}%)")) with
        {
            ElementCount = _rows,
            UnexpectedCount = _duplicates,
            UnexpectedPercent = share * 100,
            ObservedValue = (double)_duplicates,
            PartialUnexpected = _partial,
        };
    }
}
