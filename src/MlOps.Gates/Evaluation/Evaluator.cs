namespace MlOps.Gates.Evaluation;

/// <summary>
/// Scores a candidate (and its baseline, when there is one) on the same labelled rows, puts numbers on the difference
/// (paired bootstrap intervals, McNemar's test), judges every threshold and every slice.
/// </summary>
public static class Evaluator
{
    public static EvaluationOutcome Evaluate(GroundTruth truth, ModelOutput candidate, ModelOutput? baseline, EvaluationSettings settings, CancellationToken cancellationToken = default)
    {
        var candidateMetrics = new ModelMetrics(truth, candidate);
        var baselineMetrics = baseline is null ? null : new ModelMetrics(truth, baseline);
        var candidateValues = candidateMetrics.Compute();
        var baselineValues = baselineMetrics?.Compute();
        var thresholds = settings.Thresholds.Select(t => t with { Metric = MetricNames.Canonical(t.Metric, truth.Task) }).ToList();
        var perClass = truth.Task == EvaluationTask.Multiclass
            ? truth.Classes.SelectMany(c => new[] { $"precision_{c}", $"recall_{c}" })
            : [];
        var names = MetricNames.Headline(truth.Task).Where(candidateValues.Values.ContainsKey)
            .Concat(perClass)
            .Concat(thresholds.Select(t => t.Metric))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var differences = new Dictionary<string, MetricDifference>(StringComparer.Ordinal);
        (long, long, double)? mcnemar = null;
        bool[]? candidateCorrect = null;
        bool[]? baselineCorrect = null;
        if (baselineMetrics is not null)
        {
            var bootstrap = settings.Resamples <= 0
                ? null
                : truth.Task == EvaluationTask.Binary
                    ? new BinaryPairedBootstrap(truth, candidate, baseline!, candidateMetrics.Ascending, baselineMetrics.Ascending).Resample(names, settings.Resamples, settings.Seed, cancellationToken)
                    : PairedBootstrap.Resample(truth.Count, w => candidateMetrics.Compute(w).Values, w => baselineMetrics.Compute(w).Values, names, settings.Resamples, settings.Seed, cancellationToken);
            if (truth.Task != EvaluationTask.Regression)
            {
                candidateCorrect = new bool[truth.Count];
                baselineCorrect = new bool[truth.Count];
                for (var i = 0; i < truth.Count; i++)
                {
                    candidateCorrect[i] = candidate.Correct(truth, i);
                    baselineCorrect[i] = baseline!.Correct(truth, i);
                }

                mcnemar = McNemarTest.Test(candidateCorrect, baselineCorrect);
            }

            var delong = candidateMetrics.Ascending is { } candidateOrder && baselineMetrics.Ascending is { } baselineOrder
                ? DeLongTest.Test(truth.Positive, candidate.Score, candidateOrder, baseline!.Score, baselineOrder)
                : null;
            foreach (var name in names)
            {
                var (p, test) = name switch
                {
                    "accuracy" or "micro_accuracy" when mcnemar is not null => (mcnemar.Value.Item3, "McNemar"),
                    "roc_auc" when delong is not null => (delong.Value.PValue, "DeLong"),
                    _ => ((double?)null, (string?)null),
                };
                differences[name] = new MetricDifference(bootstrap?.GetValueOrDefault(name), p, test);
            }
        }

        var verdicts = ThresholdJudge.Judge(thresholds, candidateValues.Values, baselineValues?.Values, differences, settings.Confidence)
            .ToDictionary(v => v.Metric, StringComparer.Ordinal);
        var comparisons = names.Select(name => Compare(name, candidateValues, baselineValues, differences, settings.Confidence, thresholds, verdicts)).ToList();
        var curves = candidateMetrics.Curves();
        var baselineCurves = baselineMetrics?.Curves();
        return new EvaluationOutcome
        {
            Task = truth.Task,
            Rows = truth.Count,
            Classes = truth.Classes,
            Candidate = candidateValues,
            Baseline = baselineValues,
            Metrics = comparisons,
            McNemar = mcnemar,
            Roc = curves?.Roc ?? [],
            PrecisionRecall = curves?.PrecisionRecall ?? [],
            BaselineRoc = baselineCurves?.Roc ?? [],
            BaselinePrecisionRecall = baselineCurves?.PrecisionRecall ?? [],
            Slices = settings.Slices.SelectMany(spec => Slice(truth, spec, candidateMetrics, baselineMetrics, candidateCorrect, baselineCorrect)).ToList(),
            Predictions = PredictionProfile.Of(truth, candidate),
            BaselinePredictions = baseline is null ? null : PredictionProfile.Of(truth, baseline),
        };
    }

    private static MetricComparison Compare(
        string name,
        MetricValues candidate,
        MetricValues? baseline,
        Dictionary<string, MetricDifference> differences,
        double confidence,
        List<MetricThreshold> thresholds,
        Dictionary<string, ThresholdVerdict> verdicts)
    {
        var value = candidate.Values.GetValueOrDefault(name, double.NaN);
        double? reference = baseline is not null && baseline.Values.TryGetValue(name, out var b) ? b : null;
        var difference = differences.GetValueOrDefault(name);
        (double Low, double High)? interval = difference?.Bootstrap is { Count: > 0 } d ? d.Interval(confidence) : null;
        var threshold = thresholds.FirstOrDefault(t => t.Metric == name) ?? new MetricThreshold(name);
        return new MetricComparison(
            name,
            value,
            reference,
            reference is null ? null : value - reference.Value,
            interval?.Low,
            interval?.High,
            difference?.PValue,
            difference?.Test,
            threshold.Greater,
            verdicts.GetValueOrDefault(name));
    }

    /// <summary>
    /// Each slice's metrics and verdicts. With a baseline classifier, McNemar's test on the slice's own rows judges
    /// <c>require_significant</c> on accuracy there; a bootstrap per slice would cost a pass per resample and slice,
    /// so other metrics' significance is judged on the whole data only.
    /// </summary>
    private static IEnumerable<SliceOutcome> Slice(GroundTruth truth, SliceSpec spec, ModelMetrics candidate, ModelMetrics? baseline, bool[]? candidateCorrect, bool[]? baselineCorrect)
    {
        var columns = spec.Columns.Select(c => truth.Slices.First(s => s.Name == c)).ToList();
        var (groupOf, names) = Group(columns, truth.Count);
        var rowsOf = new int[names.Count];
        foreach (var slice in groupOf)
        {
            rowsOf[slice]++;
        }

        var (onlyCandidate, onlyBaseline) = Discordant(groupOf, names.Count, candidateCorrect, baselineCorrect);
        var candidateOrders = SplitOrder(candidate.Ascending, groupOf, rowsOf);
        var baselineOrders = SplitOrder(baseline?.Ascending, groupOf, rowsOf);
        var labels = names;

        var thresholds = spec.Thresholds.Select(t => t with { Metric = MetricNames.Canonical(t.Metric, truth.Task) }).ToList();
        var outcomes = new SliceOutcome[labels.Count];
        var weights = new int[truth.Count];
        for (var slice = 0; slice < labels.Count; slice++)
        {
            for (var row = 0; row < weights.Length; row++)
            {
                weights[row] = groupOf[row] == slice ? 1 : 0;
            }

            var rows = rowsOf[slice];
            var values = candidate.Compute(weights, candidateOrders?[slice]).Values;
            var reference = baseline?.Compute(weights, baselineOrders?[slice]).Values;
            var tooSmall = rows < spec.MinSliceSize;
            double? p = onlyCandidate is null ? null : McNemarTest.PValue(onlyCandidate[slice], onlyBaseline![slice]);
            var differences = p is null ? null : new Dictionary<string, MetricDifference>(StringComparer.Ordinal)
            {
                ["accuracy"] = new(null, p, "McNemar"),
                ["micro_accuracy"] = new(null, p, "McNemar"),
            };
            var verdicts = tooSmall ? [] : ThresholdJudge.Judge(thresholds, values, reference, differences);
            var test = p is null ? ((long, long, double)?)null : (onlyCandidate![slice], onlyBaseline![slice], p.Value);
            outcomes[slice] = new SliceOutcome(labels[slice], spec.Columns, rows, tooSmall, values, reference, verdicts, test);
        }

        var first = thresholds.FirstOrDefault();
        return first is null
            ? outcomes.OrderBy(o => o.Name, StringComparer.Ordinal)
            : outcomes.OrderBy(o => o.TooSmall)
                .ThenBy(o => o.Metrics.GetValueOrDefault(first.Metric, double.NaN) is var v && double.IsNaN(v) ? double.MaxValue : first.Greater ? v : -v)
                .ThenBy(o => o.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// Each row's slice, numbered in order of first appearance, and the slices' names ("segment=north"). One column's
    /// value codes map to slices through a small table; several columns combine their codes in mixed radix.
    /// </summary>
    private static (int[] GroupOf, List<string> Names) Group(List<SliceColumn> columns, int rows)
    {
        var groupOf = new int[rows];
        var names = new List<string>();
        string Name(int row) => string.Join(", ", columns.Select(c => $"{c.Name}={(c.Codes[row] < 0 ? "(missing)" : c.Values[c.Codes[row]])}"));
        if (columns.Count == 1)
        {
            var codes = columns[0].Codes;
            var map = new int[columns[0].Values.Count + 1];
            Array.Fill(map, -1);
            for (var row = 0; row < rows; row++)
            {
                ref var slice = ref map[codes[row] + 1];
                if (slice < 0)
                {
                    slice = names.Count;
                    names.Add(Name(row));
                }

                groupOf[row] = slice;
            }

            return (groupOf, names);
        }

        var index = new Dictionary<long, int>();
        for (var row = 0; row < rows; row++)
        {
            long key = 0;
            foreach (var c in columns)
            {
                key = (key * (c.Values.Count + 1)) + c.Codes[row] + 1;
            }

            if (!index.TryGetValue(key, out var slice))
            {
                slice = index.Count;
                index[key] = slice;
                names.Add(Name(row));
            }

            groupOf[row] = slice;
        }

        return (groupOf, names);
    }

    /// <summary>Per slice, the rows only the candidate gets right and the rows only the baseline does; nulls without a baseline classifier.</summary>
    private static (long[]? OnlyCandidate, long[]? OnlyBaseline) Discordant(int[] groupOf, int slices, bool[]? candidateCorrect, bool[]? baselineCorrect)
    {
        if (candidateCorrect is null || baselineCorrect is null)
        {
            return (null, null);
        }

        var onlyCandidate = new long[slices];
        var onlyBaseline = new long[slices];
        for (var row = 0; row < groupOf.Length; row++)
        {
            if (candidateCorrect[row] != baselineCorrect[row])
            {
                (candidateCorrect[row] ? onlyCandidate : onlyBaseline)[groupOf[row]]++;
            }
        }

        return (onlyCandidate, onlyBaseline);
    }

    /// <summary>Splits a score order into one order per slice, each its rows in the same ascending order.</summary>
    private static int[][]? SplitOrder(int[]? ascending, int[] groupOf, int[] rowsOf)
    {
        if (ascending is null)
        {
            return null;
        }

        var orders = rowsOf.Select(n => new int[n]).ToArray();
        var filled = new int[orders.Length];
        foreach (var row in ascending)
        {
            var slice = groupOf[row];
            orders[slice][filled[slice]++] = row;
        }

        return orders;
    }
}
