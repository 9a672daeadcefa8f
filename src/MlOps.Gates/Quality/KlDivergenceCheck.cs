using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>kl_divergence_below</c> (Great Expectations' <c>expect_column_kl_divergence_to_be_less_than</c>, as GX 0.x's
/// dataset computed it): the Kullback-Leibler divergence of the column's distribution from the partition's (scipy's
/// <c>entropy</c>, natural log) is at most <c>threshold</c>. A categorical partition compares value shares, giving a
/// value the partition lacks <c>tail_weight_holdout</c> shared among such values; a continuous one compares the shares
/// of its bins (numpy's histogram: the last bin holds its right edge) and of the tails below and above it, with
/// <c>tail_weight_holdout</c>, <c>tail_weights</c> and <c>internal_weight_holdout</c> as GX spreads them. Without a
/// partition the column is compared with itself (0). An infinite divergence (a share where the partition has none)
/// fails any threshold; without a threshold the check reports the divergence and passes.
/// </summary>
public sealed class KlDivergenceCheck(CheckSpec spec, KlPartition? partition, double? threshold, double tailHoldout, double internalHoldout) : ColumnCheck(spec)
{
    private readonly SetValues? _values = partition?.Values is { } values ? new SetValues(values, dates: false) : null;
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly long[] _bins = new long[partition?.Weights.Count ?? 0];
    private readonly double[] _edges = partition?.Bins?.ToArray() ?? [];
    private long _below;
    private long _above;
    private long _present;
    private long _notNumbers;
    private long _elements;

    public override string Description => $"the KL divergence of '{ColumnName}' from the partition is at most {threshold?.ToString(CultureInfo.InvariantCulture) ?? "(any)"}";

    public override void Observe(RowBatch batch)
    {
        var missing = batch.Missing(ColumnIndex);
        var texts = batch.Texts(ColumnIndex);
        var numbers = batch.Numbers(ColumnIndex);
        _elements += batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            if (missing[i])
            {
                continue;
            }

            _present++;
            if (partition is null)
            {
                continue;
            }

            if (_values is not null)
            {
                var key = _values.Key(texts[i]).Key;
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
            else if (!numbers.IsNumber[i])
            {
                _notNumbers++;
            }
            else
            {
                Count(numbers.Values[i]);
            }
        }
    }

    /// <summary>numpy.histogram's placing: below the first edge, above the last, else the bin whose left edge is the last at or below the value (the last bin holds its right edge).</summary>
    private void Count(double value)
    {
        if (value < _edges[0])
        {
            _below++;
        }
        else if (value > _edges[^1])
        {
            _above++;
        }
        else
        {
            var index = Array.BinarySearch(_edges, value);
            index = index >= 0 ? index : ~index - 1;
            _bins[Math.Min(index, _bins.Length - 1)]++;
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        if (_notNumbers > 0)
        {
            return Result(false, string.Create(CultureInfo.InvariantCulture, $"{_notNumbers} values are not numbers, which a partition of bins cannot place")) with { ElementCount = _elements };
        }

        var divergence = partition is null ? 0 : partition.IsCategorical ? Categorical() : Continuous();
        var finite = double.IsFinite(divergence);
        var success = threshold is not { } t || divergence <= t;
        var message = finite
            ? string.Create(CultureInfo.InvariantCulture, $"KL divergence {divergence:G6} over {_present} values{(threshold is null ? string.Empty : $"; expected at most {threshold}")}")
            : string.Create(CultureInfo.InvariantCulture, $"KL divergence is infinite: the data has values where the partition has no weight{(threshold is null ? string.Empty : $"; expected at most {threshold}")}");
        return Result(success, message) with { ElementCount = _elements, MissingCount = _elements - _present, ObservedValue = finite ? divergence : null };
    }

    private double Categorical()
    {
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < partition!.Values!.Count; i++)
        {
            var key = _values!.Key(partition.Values[i]).Key;
            expected[key] = expected.GetValueOrDefault(key) + partition.Weights[i];
        }

        var unseen = _counts.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var keys = expected.Keys.Concat(unseen).ToList();
        var p = keys.Select(k => (double)_counts.GetValueOrDefault(k) / _present).ToArray();
        var q = keys.Select(k => expected.TryGetValue(k, out var w) ? unseen.Count > 0 ? w * (1 - tailHoldout) : w : tailHoldout / unseen.Count).ToArray();
        return Entropy(p, q);
    }

    private double Continuous()
    {
        var bins = partition!.Bins!;
        var observed = _bins.Select(c => (double)c / _present).ToArray();
        var expected = partition.Weights.Select(w => w * (1 - tailHoldout - internalHoldout)).ToArray();
        if (internalHoldout > 0 && expected.Count(w => w == 0) is var zeros and > 0)
        {
            for (var i = 0; i < expected.Length; i++)
            {
                expected[i] = expected[i] == 0 ? internalHoldout / zeros : expected[i];
            }
        }

        double below = (double)_below / _present, above = (double)_above / _present;
        var (lowInfinite, highInfinite) = (double.IsNegativeInfinity(bins[0]), double.IsPositiveInfinity(bins[^1]));
        double[] p, q;
        if (lowInfinite && highInfinite)
        {
            (p, q) = (observed, expected);
        }
        else if (lowInfinite)
        {
            (p, q) = ([.. observed, above], [.. expected, tailHoldout]);
        }
        else if (highInfinite)
        {
            (p, q) = ([below, .. observed], [tailHoldout, .. expected]);
        }
        else
        {
            var tails = partition.TailWeights ?? [tailHoldout / 2, tailHoldout / 2];
            (p, q) = ([below, .. observed, above], [tails[0], .. expected, tails[1]]);
        }

        return Entropy(p, q);
    }

    /// <summary>scipy.stats.entropy(p, q): both normalized to sum 1, then the sum of p log(p / q) (0 where p is 0, infinite where only q is).</summary>
    private static double Entropy(double[] p, double[] q)
    {
        var (sp, sq) = (p.Sum(), q.Sum());
        double total = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var (x, y) = (p[i] / sp, q[i] / sq);
            total += x > 0 ? y > 0 ? x * Math.Log(x / y) : double.PositiveInfinity : 0;
        }

        return total;
    }
}
