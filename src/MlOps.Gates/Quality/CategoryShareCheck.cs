using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary><c>category_share_between</c>: the share of non-missing values equal to one category is in the range.</summary>
public sealed class CategoryShareCheck(CheckSpec spec, string category, Range range) : ColumnCheck(spec)
{
    private long _elements;
    private long _missing;
    private long _matches;

    public override string Description => $"the share of '{category}' in '{ColumnName}' is in {range}";

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
            }
            else if (texts.LengthAt(i) == category.Length && texts[i].SequenceEqual(category))
            {
                _matches++;
            }
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var denominator = _elements - _missing;
        if (denominator == 0)
        {
            return Result(true, "no non-missing values: passes vacuously") with { ElementCount = _elements, MissingCount = _missing };
        }

        var share = (double)_matches / denominator;
        return Result(range.Contains(share), string.Create(CultureInfo.InvariantCulture, $"share {share:0.######} ({_matches} of {denominator}); expected {range}")) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            ObservedValue = share,
        };
    }
}
