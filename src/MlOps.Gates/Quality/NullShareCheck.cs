using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary><c>null_share_at_most</c>: the share of rows with a missing value is at most the bound.</summary>
public sealed class NullShareCheck(CheckSpec spec, double maxShare) : ColumnCheck(spec)
{
    private readonly List<UnexpectedValue> _partial = [];
    private long _elements;
    private long _missing;

    public override string Description => string.Create(CultureInfo.InvariantCulture, $"at most {maxShare:0.######} of '{ColumnName}' is null");

    public override void Observe(RowBatch batch)
    {
        var missing = batch.Missing(ColumnIndex);
        _elements += batch.Count;
        _missing += missing.Count(true);
        for (var i = 0; i < missing.Length && _partial.Count < MaxPartialUnexpected; i++)
        {
            if (missing[i])
            {
                _partial.Add(new UnexpectedValue(null, batch.RowAt(i), batch.Locate(i, ColumnIndex)));
            }
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var share = _elements == 0 ? 0 : (double)_missing / _elements;
        var success = share <= maxShare;
        return Result(success, string.Create(CultureInfo.InvariantCulture, $"null share {share:0.######} ({_missing} of {_elements}); expected at most {maxShare:0.######}")) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _missing,
            UnexpectedPercent = share * 100,
            ObservedValue = share,
            PartialUnexpected = success ? [] : _partial,
        };
    }
}
