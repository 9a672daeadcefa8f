using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>unique_within_record</c> (Great Expectations' <c>expect_select_column_values_to_be_unique_within_record</c>):
/// in each row, the listed columns hold different values; two equal rows are fine. As GX's pandas engine counts
/// values (<c>nunique(dropna=False)</c>), two missing cells in a row are equal to each other. <c>ignore_row_if</c>
/// leaves rows out of the denominator: <c>all_values_are_missing</c> (GX's default), <c>any_value_is_missing</c> or
/// <c>never</c>.
/// </summary>
public sealed class UniqueWithinRecordCheck(CheckSpec spec, IgnoreRowIf ignore) : Check(spec)
{
    private readonly List<UnexpectedValue> _partial = [];
    private int[] _indices = [];
    private long _elements;
    private long _ignored;
    private long _unexpected;
    private string? _missingColumn;

    public override string Description => $"values of ({string.Join(", ", Spec.Columns)}) differ within each row";

    public override bool NeedsRows => _missingColumn is null;

    public override IReadOnlyList<int> ColumnsRead => _missingColumn is null ? _indices : [];

    public override bool Bind(TableReader table)
    {
        _indices = Spec.Columns.Select(table.IndexOf).ToArray();
        var missing = Array.IndexOf(_indices, -1);
        _missingColumn = missing >= 0 ? Spec.Columns[missing] : null;
        return _missingColumn is null;
    }

    public override void Observe(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _elements++;
            var missing = 0;
            foreach (var column in _indices)
            {
                missing += batch.Missing(column)[i] ? 1 : 0;
            }

            if ((ignore == IgnoreRowIf.AllValuesAreMissing && missing == _indices.Length) || (ignore == IgnoreRowIf.AnyValueIsMissing && missing > 0))
            {
                _ignored++;
                continue;
            }

            if (RepeatedColumn(batch, i) is { } repeated)
            {
                _unexpected++;
                if (_partial.Count < MaxPartialUnexpected)
                {
                    var value = string.Join(',', _indices.Select(c => batch.Missing(c)[i] ? "(missing)" : batch.TextAt(i, c).ToString()));
                    _partial.Add(new UnexpectedValue(Clip(value), batch.RowAt(i), batch.Locate(i, repeated)));
                }
            }
        }
    }

    /// <summary>The column whose cell repeats an earlier listed cell of the row, or null when all differ.</summary>
    private int? RepeatedColumn(RowBatch batch, int index)
    {
        for (var b = 1; b < _indices.Length; b++)
        {
            var bMissing = batch.Missing(_indices[b])[index];
            for (var a = 0; a < b; a++)
            {
                var aMissing = batch.Missing(_indices[a])[index];
                if (aMissing && bMissing)
                {
                    return _indices[b];
                }

                if (!aMissing && !bMissing && batch.TextAt(index, _indices[a]).SequenceEqual(batch.TextAt(index, _indices[b])))
                {
                    return _indices[b];
                }
            }
        }

        return null;
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (_missingColumn is not null)
        {
            return Result(false, $"column '{_missingColumn}' is not in {summary.DisplayPath}");
        }

        var denominator = _elements - _ignored;
        var percent = denominator == 0 ? 0.0 : 100.0 * _unexpected / denominator;
        var success = denominator == 0 || (double)(denominator - _unexpected) / denominator >= (Spec.Mostly ?? 1.0);
        var message = _unexpected == 0
            ? string.Create(CultureInfo.InvariantCulture, $"all {denominator} rows hold different values in these columns")
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} rows ({percent:0.###}%) repeat a value within the row; first: '{_partial[0].Value}' in row {_partial[0].Row}");
        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _ignored,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = _partial,
        };
    }
}
