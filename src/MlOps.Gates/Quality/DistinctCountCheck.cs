using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>distinct_count_between</c>: the number of distinct non-missing values (compared as text, by their 128-bit hash)
/// is in the range; with <paramref name="share"/>, <c>unique_share_between</c>: that number as a share of the
/// non-missing values (Great Expectations' unique proportion, 0 when every value is missing).
/// </summary>
public sealed class DistinctCountCheck(CheckSpec spec, Range range, bool share = false) : ColumnCheck(spec)
{
    private ValueTable _values = new(16);
    private long _missing;
    private long _elements;

    public override string Description => share
        ? $"the share of distinct values of '{ColumnName}' is in {range}"
        : $"the number of distinct values of '{ColumnName}' is in {range}";

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
        var present = _elements - _missing;
        double observed = share ? present == 0 ? 0 : (double)count / present : count;
        var message = share
            ? string.Create(CultureInfo.InvariantCulture, $"{count} distinct of {present} values, a share of {observed:G6}; expected {range}")
            : string.Create(CultureInfo.InvariantCulture, $"{count} distinct values; expected {range}");
        return Result(range.Contains(observed), message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            ObservedValue = observed,
        };
    }
}
