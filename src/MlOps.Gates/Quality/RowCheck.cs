using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// A check that judges each row by several of its cells (column pairs, several columns of a record), with Great
/// Expectations' counting: rows <c>ignore_row_if</c> leaves out are out of the denominator, <c>mostly</c> is the share
/// of the rest that must pass, and the first unexpected rows are kept with the cells they show.
/// </summary>
public abstract class RowCheck(CheckSpec spec, IgnoreRowIf ignore) : Check(spec)
{
    private readonly List<UnexpectedValue> _partial = [];
    private string? _missingColumn;
    private long _elements;
    private long _ignored;
    private long _unexpected;

    /// <summary>The checked columns' indices in the header, in the order the check names them.</summary>
    protected int[] Indices { get; private set; } = [];

    public override bool NeedsRows => _missingColumn is null;

    public override IReadOnlyList<int> ColumnsRead => _missingColumn is null ? Indices : [];

    public override bool Bind(TableReader table)
    {
        Indices = Spec.Columns.Select(table.IndexOf).ToArray();
        var missing = Array.IndexOf(Indices, -1);
        _missingColumn = missing >= 0 ? Spec.Columns[missing] : null;
        return _missingColumn is null;
    }

    /// <summary>Null when the row is as expected, else the header index of the cell that shows why.</summary>
    protected abstract int? Unexpected(RowBatch batch, int index);

    /// <summary>The message when every row kept is as expected.</summary>
    protected abstract string AllExpected(long rows);

    /// <summary>What an unexpected row is, in the message: "repeat a value within the row".</summary>
    protected abstract string UnexpectedRows { get; }

    public override void Observe(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _elements++;
            var missing = 0;
            foreach (var column in Indices)
            {
                missing += batch.Missing(column)[i] ? 1 : 0;
            }

            if ((ignore == IgnoreRowIf.AllValuesAreMissing && missing == Indices.Length) || (ignore == IgnoreRowIf.AnyValueIsMissing && missing > 0))
            {
                _ignored++;
                continue;
            }

            if (Unexpected(batch, i) is not { } shown)
            {
                continue;
            }

            _unexpected++;
            if (_partial.Count < MaxPartialUnexpected)
            {
                var value = string.Join(',', Indices.Select(c => batch.Missing(c)[i] ? "(missing)" : batch.TextAt(i, c).ToString()));
                _partial.Add(new UnexpectedValue(Clip(value), batch.RowAt(i), batch.Locate(i, shown)));
            }
        }
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
            ? AllExpected(denominator)
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} rows ({percent:0.###}%) {UnexpectedRows}; first: '{_partial[0].Value}' in row {_partial[0].Row}");
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
