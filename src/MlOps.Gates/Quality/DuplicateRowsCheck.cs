using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>duplicate_rows_at_most</c>: rows identical to an earlier row, in every column, number at most <c>max</c>
/// (or make up at most <c>max_share</c> of the rows). Rows are told apart by a 128-bit hash of their cells, each followed
/// by a unit separator, so memory is a few dozen bytes a distinct row and a false duplicate would need a hash collision.
/// A CSV row without quotes is hashed at once: its text with the delimiters read as separators is the same input.
/// </summary>
public sealed class DuplicateRowsCheck(CheckSpec spec, long? max, double? maxShare) : Check(spec)
{
    private const char Separator = '\u001f';

    private ValueTable _firstRow = new(16);
    private char[] _row = new char[256];
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
        _firstRow = new ValueTable(table.ExpectedRows);
        return true;
    }

    public override void Observe(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _rows++;
            var row = batch.RowAt(i);
            ref var first = ref _firstRow.Find(Key(batch, i), out var exists);
            if (!exists)
            {
                first.Row = row;
                continue;
            }

            _duplicates++;
            if (_partial.Count < MaxPartialUnexpected)
            {
                _partial.Add(new UnexpectedValue(string.Create(CultureInfo.InvariantCulture, $"same as row {first.Row}"), row, batch.Locate(i, 0)));
            }
        }
    }

    private UInt128 Key(RowBatch batch, int index)
    {
        if (batch.TryRawRow(index, out var raw, out var delimiter) && !raw.Contains(Separator))
        {
            if (_row.Length <= raw.Length)
            {
                _row = new char[Math.Max(raw.Length + 1, _row.Length * 2)];
            }

            var text = _row.AsSpan(0, raw.Length + 1);
            raw.CopyTo(text);
            text[..^1].Replace(delimiter, Separator);
            text[^1] = Separator;
            return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text));
        }

        Span<byte> separator = [0x1f, 0];
        _hash.Reset();
        foreach (var column in _columns)
        {
            _hash.Append(MemoryMarshal.AsBytes(batch.TextAt(index, column)));
            _hash.Append(separator);
        }

        return _hash.GetCurrentHashAsUInt128();
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
