namespace MlOps.Gates.Evaluation;

/// <summary>
/// Binary-classification metrics with scikit-learn 1.2's definitions: accuracy, precision, recall and F1 of the
/// positive class (0 when undefined, as zero_division gives), ROC AUC by average ranks (ties count a half),
/// average precision as the step sum over distinct thresholds, and log loss with probabilities clipped to
/// [eps, 1 - eps], eps being the double's machine epsilon. Rows may carry integer weights, which is how a bootstrap
/// resample (a row drawn k times weighs k) and a slice (rows outside weigh 0) are scored without copying.
/// </summary>
public static class BinaryMetrics
{
    internal const double Eps = 2.220446049250313e-16; // numpy.finfo(float64).eps, scikit-learn 1.2's eps="auto"

    public static IReadOnlyDictionary<string, double> Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predicted, ReadOnlySpan<double> scores) =>
        Compute(labels, predicted, scores, scores.IsEmpty ? null : Ascending(scores), default, scoresAreProbabilities: true);

    /// <param name="ascending">Row indices in ascending order of score, computed once with <see cref="Ascending"/>.</param>
    /// <param name="weights">Each row's weight; empty means every row weighs 1.</param>
    public static Dictionary<string, double> Compute(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<bool> predicted,
        ReadOnlySpan<double> scores,
        int[]? ascending,
        ReadOnlySpan<int> weights,
        bool scoresAreProbabilities)
    {
        var weighted = !weights.IsEmpty;
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            long w = weighted ? weights[i] : 1;
            if (labels[i])
            {
                if (predicted[i]) { tp += w; } else { fn += w; }
            }
            else
            {
                if (predicted[i]) { fp += w; } else { tn += w; }
            }
        }

        var metrics = FromConfusion(tp, fp, tn, fn);
        if (ascending is not null)
        {
            var (auc, ap) = Ranking(labels, scores, ascending, weights);
            metrics["roc_auc"] = auc;
            metrics["average_precision"] = ap;
            if (scoresAreProbabilities)
            {
                metrics["log_loss"] = LogLoss(labels, scores, weights);
            }
        }

        return metrics;
    }

    /// <summary>The metrics of the confusion counts: accuracy, precision, recall and F1 (0 when undefined), and the counts.</summary>
    internal static Dictionary<string, double> FromConfusion(long tp, long fp, long tn, long fn)
    {
        double n = tp + fp + tn + fn;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = n == 0 ? double.NaN : (tp + tn) / n,
            ["precision"] = tp + fp == 0 ? 0 : (double)tp / (tp + fp),
            ["recall"] = tp + fn == 0 ? 0 : (double)tp / (tp + fn),
            ["f1"] = (2 * tp) + fp + fn == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn),
            ["true_positives"] = tp,
            ["false_positives"] = fp,
            ["true_negatives"] = tn,
            ["false_negatives"] = fn,
        };
    }

    /// <summary>Row indices sorted by ascending score, ties in row order.</summary>
    public static int[] Ascending(ReadOnlySpan<double> scores) => Drift.RadixSort.Order(scores);

    /// <summary>
    /// ROC AUC and average precision in one walk over the score order. AUC: each positive scores 1 for every negative
    /// below it and a half for every negative tied with it, over all pairs; NaN with one class. AP: from the highest
    /// score down, each distinct threshold adds its step in recall times its precision; NaN without positives.
    /// </summary>
    private static (double Auc, double AveragePrecision) Ranking(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int[] ascending, ReadOnlySpan<int> weights)
    {
        var weighted = !weights.IsEmpty;
        double positives = 0, negatives = 0, pairs = 0;
        for (var i = 0; i < ascending.Length;)
        {
            double groupPositives = 0, groupNegatives = 0;
            var score = scores[ascending[i]];
            for (; i < ascending.Length && scores[ascending[i]] == score; i++)
            {
                var row = ascending[i];
                double w = weighted ? weights[row] : 1;
                if (labels[row]) { groupPositives += w; } else { groupNegatives += w; }
            }

            pairs += groupPositives * (negatives + (groupNegatives / 2));
            positives += groupPositives;
            negatives += groupNegatives;
        }

        var auc = positives == 0 || negatives == 0 ? double.NaN : pairs / (positives * negatives);
        if (positives == 0)
        {
            return (auc, double.NaN);
        }

        double tp = 0, fp = 0, previousRecall = 0, sum = 0;
        for (var i = ascending.Length - 1; i >= 0;)
        {
            var score = scores[ascending[i]];
            for (; i >= 0 && scores[ascending[i]] == score; i--)
            {
                var row = ascending[i];
                double w = weighted ? weights[row] : 1;
                if (labels[row]) { tp += w; } else { fp += w; }
            }

            if (tp + fp == 0)
            {
                continue;
            }

            var recall = tp / positives;
            sum += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
        }

        return (auc, sum);
    }

    /// <summary>Mean negative log-likelihood of the labels under the scores read as P(positive).</summary>
    public static double LogLoss(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, ReadOnlySpan<int> weights = default)
    {
        var weighted = !weights.IsEmpty;
        double sum = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            double w = weighted ? weights[i] : 1;
            if (w == 0)
            {
                continue;
            }

            var p = Math.Clamp(scores[i], Eps, 1 - Eps);
            sum += w * (labels[i] ? Math.Log(p) : Math.Log(1 - p));
            total += w;
        }

        return total == 0 ? double.NaN : -sum / total;
    }

    /// <summary>
    /// Points of the ROC curve (false-positive rate, true-positive rate) and the precision-recall curve (recall,
    /// precision), at distinct scores from the highest down, about <paramref name="points"/> of each.
    /// </summary>
    public static (IReadOnlyList<(double X, double Y)> Roc, IReadOnlyList<(double X, double Y)> PrecisionRecall) Curves(
        ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int[] ascending, int points = 200)
    {
        double positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        var negatives = labels.Length - positives;
        var roc = new List<(double, double)> { (0, 0) };
        var pr = new List<(double, double)>();
        double tp = 0, fp = 0;
        var step = Math.Max(1, ascending.Length / points);
        var next = ascending.Length - 1;
        for (var i = ascending.Length - 1; i >= 0;)
        {
            var score = scores[ascending[i]];
            for (; i >= 0 && scores[ascending[i]] == score; i--)
            {
                if (labels[ascending[i]]) { tp++; } else { fp++; }
            }

            // One point per step of rows, and the last, so a million distinct scores make a few hundred points.
            if (i <= next - step || i < 0)
            {
                roc.Add((negatives == 0 ? 0 : fp / negatives, positives == 0 ? 0 : tp / positives));
                pr.Add((positives == 0 ? 0 : tp / positives, tp / (tp + fp)));
                next = i;
            }
        }

        return (roc, pr);
    }
}
