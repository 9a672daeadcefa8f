using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>freshness</c>: the newest date-time in a column is no older than <c>max_age</c> at the time of the run.
/// Values that are not date-times are unexpected and fail the check.
/// </summary>
public sealed class FreshnessCheck(CheckSpec spec, TimeSpan maxAge, string? format) : ColumnCheck(spec)
{
    private readonly List<UnexpectedValue> _partial = [];
    private long _elements;
    private long _missing;
    private long _unexpected;
    private DateTimeOffset? _newest;
    private long _newestRow;

    public override string Description => $"the newest value of '{ColumnName}' is at most {Durations.Format(maxAge)} old";

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

            if (!DateTimes.TryParse(texts[i], format, out var value))
            {
                _unexpected++;
                if (_partial.Count < MaxPartialUnexpected)
                {
                    _partial.Add(new UnexpectedValue(Clip(texts[i]), batch.RowAt(i), batch.Locate(i, ColumnIndex)));
                }

                continue;
            }

            if (_newest is null || value > _newest)
            {
                _newest = value;
                _newestRow = batch.RowAt(i);
            }
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var result = Result(false, string.Empty) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            PartialUnexpected = _partial,
        };
        if (_unexpected > 0)
        {
            return result with { Message = $"{_unexpected} values are not date-times; first: '{_partial[0].Value}' in row {_partial[0].Row}" };
        }

        if (_newest is null)
        {
            return result with { Message = "no date-times to judge freshness by" };
        }

        var age = summary.Now - _newest.Value;
        return result with
        {
            Success = age <= maxAge,
            ObservedValue = _newest.Value.ToString("O", CultureInfo.InvariantCulture),
            Message = $"newest value {_newest.Value.ToString("O", CultureInfo.InvariantCulture)} (row {_newestRow}) is {Durations.Format(age)} old; allowed {Durations.Format(maxAge)}",
            Metrics = new Dictionary<string, double?> { ["age_seconds"] = age.TotalSeconds },
        };
    }
}
