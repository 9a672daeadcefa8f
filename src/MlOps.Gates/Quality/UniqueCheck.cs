using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>unique</c> over one column and <c>compound_unique</c> over several. As in Great Expectations every row whose
/// value occurs more than once is unexpected, the first occurrence included; rows with a missing value are left out.
/// Keeps one entry per distinct value: the one check whose memory grows with the data.
/// </summary>
public sealed class UniqueCheck(CheckSpec spec) : Check(spec)
{
    private readonly Dictionary<string, Occurrence> _seen = new(StringComparer.Ordinal);
    private readonly List<UnexpectedValue> _partial = [];
    private int[] _indices = [];
    private long _elements;
    private long _missing;
    private long _unexpected;
    private string? _missingColumn;

    public override string Description => Spec.Columns.Count == 1
        ? $"values of '{Spec.Columns[0]}' are unique"
        : $"combinations of ({string.Join(", ", Spec.Columns)}) are unique";

    public override bool NeedsRows => _missingColumn is null;

    public override bool Bind(TableReader table)
    {
        _indices = Spec.Columns.Select(table.IndexOf).ToArray();
        var missing = Array.IndexOf(_indices, -1);
        _missingColumn = missing >= 0 ? Spec.Columns[missing] : null;
        return _missingColumn is null;
    }

    public override IReadOnlyList<int> ColumnsRead => _missingColumn is null ? _indices : [];

    public override void Observe(RowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _elements++;
            if (AnyMissing(batch, i))
            {
                _missing++;
                continue;
            }

            var key = _indices.Length == 1
                ? batch.TextAt(i, _indices[0]).ToString()
                : string.Join('\u001f', _indices.Select(c => batch.TextAt(i, c).ToString()));
            Observe(batch, i, key);
        }
    }

    private bool AnyMissing(RowBatch batch, int index)
    {
        foreach (var column in _indices)
        {
            if (batch.Missing(column)[index])
            {
                return true;
            }
        }

        return false;
    }

    private void Observe(RowBatch batch, int index, string key)
    {
        var row = batch.RowAt(index);
        if (_seen.TryGetValue(key, out var first))
        {
            if (first.Count == 1)
            {
                _unexpected++;
                Remember(first.Value, first.Row, first.Location);
            }

            _unexpected++;
            Remember(key, row, batch.Locate(index, _indices[0]));
            _seen[key] = first with { Count = first.Count + 1 };
        }
        else
        {
            _seen[key] = new Occurrence(key, row, _partial.Count < MaxPartialUnexpected ? batch.Locate(index, _indices[0]) : null, 1);
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (_missingColumn is not null)
        {
            return Result(false, $"column '{_missingColumn}' is not in {summary.DisplayPath}");
        }

        var denominator = _elements - _missing;
        var percent = denominator == 0 ? 0.0 : 100.0 * _unexpected / denominator;
        var mostly = Spec.Mostly ?? 1.0;
        var success = denominator == 0 || (double)(denominator - _unexpected) / denominator >= mostly;
        var message = _unexpected == 0
            ? string.Create(CultureInfo.InvariantCulture, $"all {denominator} values distinct")
            : string.Create(CultureInfo.InvariantCulture, $"{_unexpected} of {denominator} rows ({percent:0.###}%) share a value with another row; first: '{Display(_partial[0].Value)}' in row {_partial[0].Row}");
        return Result(success, message) with
        {
            ElementCount = _elements,
            MissingCount = _missing,
            UnexpectedCount = _unexpected,
            UnexpectedPercent = percent,
            PartialUnexpected = _partial.OrderBy(p => p.Row).ToList(),
            ObservedValue = (double)_seen.Count,
        };
    }

    private static string? Display(string? key) => key?.Replace('\u001f', ',');

    private void Remember(string key, long row, SourceLocation? location)
    {
        if (_partial.Count < MaxPartialUnexpected)
        {
            _partial.Add(new UnexpectedValue(Clip(Display(key)), row, location));
        }
    }

    private readonly record struct Occurrence(string Value, long Row, SourceLocation? Location, int Count);
}
