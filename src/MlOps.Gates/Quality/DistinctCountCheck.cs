using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary><c>distinct_count_between</c>: the number of distinct non-missing values (compared as text) is in the range.</summary>
public sealed class DistinctCountCheck(CheckSpec spec, Range range) : ColumnCheck(spec)
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private long _missing;
    private long _elements;

    public override string Description => $"the number of distinct values of '{ColumnName}' is in {range}";

    public override void Observe(RowView row)
    {
        _elements++;
        if (row.IsNull(ColumnIndex))
        {
            _missing++;
            return;
        }

#if NET9_0_OR_GREATER
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        lookup.Add(row.Text(ColumnIndex));
#else
        _values.Add(row.GetString(ColumnIndex));
#endif
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
