using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>distinct_count_between</c>: the number of distinct non-missing values (compared as text, by their 128-bit hash)
/// is in the range.
/// </summary>
public sealed class DistinctCountCheck(CheckSpec spec, Range range) : ColumnCheck(spec)
{
    private ValueTable _values = new(16);
    private long _missing;
    private long _elements;

    public override string Description => $"the number of distinct values of '{ColumnName}' is in {range}";

    public override void Observe(RowBatch batch)
    {
        var missing = batch.Missing(ColumnIndex);
        var texts = batch.Texts(ColumnIndex);
        _elements += batch.Count;
        for (var i = 0; i < missing.Length; i++)
        {
            if (missing[i])
            {
                _missing++;
                continue;
            }

            _values.Find(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(texts[i])), out _);
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var count = _values.Count;
        var success = range.Contains(count);
        return Result(success, string.Create(CultureInfo.InvariantCulture, $"{count} distinct values; expected {range}")) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            ObservedValue = (double)count,
        };
    }
}
