namespace MlOps.Gates.Evaluation;

/// <summary>
/// Binary-classification metrics with scikit-learn 1.2's definitions: accuracy, precision, recall and F1 of the
/// positive class (0 when undefined, as zero_division gives), ROC AUC by average ranks (ties count a half),
/// average precision as the step sum over distinct thresholds, and log loss with probabilities clipped to
/// [eps, 1 - eps], eps being the double's machine epsilon.
/// </summary>
public static class BinaryMetrics
{
    public static IReadOnlyDictionary<string, double> Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predicted, ReadOnlySpan<double> scores)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            switch ((labels[i], predicted[i]))
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (false, false): tn++; break;
                default: fn++; break;
            }
        }

        double n = labels.Length;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = (tp + tn) / n,
            ["precision"] = tp + fp == 0 ? 0 : (double)tp / (tp + fp),
            ["recall"] = tp + fn == 0 ? 0 : (double)tp / (tp + fn),
            ["f1"] = (2 * tp) + fp + fn == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn),
            ["true_positives"] = tp,
            ["false_positives"] = fp,
            ["true_negatives"] = tn,
            ["false_negatives"] = fn,
        };
        if (!scores.IsEmpty)
        {
            metrics["roc_auc"] = RocAuc(labels, scores);
            metrics["average_precision"] = AveragePrecision(labels, scores);
            metrics["log_loss"] = LogLoss(labels, scores);
        }

        return metrics;
    }

    /// <summary>The area under the ROC curve: the Mann-Whitney statistic of the positives' scores over all pairs; NaN with one class.</summary>
    public static double RocAuc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var order = Order(scores, descending: false);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + 1) + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            i = j;
        }

        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>Average precision: the sum over distinct thresholds, highest first, of (recall step) times precision.</summary>
    public static double AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var order = Order(scores, descending: true);
        double positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        double tp = 0, fp = 0, previousRecall = 0, sum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (labels[order[j]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                j++;
            }

            var recall = tp / positives;
            sum += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
            i = j;
        }

        return sum;
    }

    /// <summary>Mean negative log-likelihood of the labels under the scores read as P(positive).</summary>
    public static double LogLoss(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        const double eps = 2.220446049250313e-16; // numpy.finfo(float64).eps, scikit-learn 1.2's eps="auto"
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp(scores[i], eps, 1 - eps);
            sum += labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return -sum / labels.Length;
    }

    private static int[] Order(ReadOnlySpan<double> scores, bool descending)
    {
        var keys = scores.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        if (descending)
        {
            Array.Reverse(order);
        }

        return order;
    }
}
