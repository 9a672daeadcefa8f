namespace MlOps.Gates.Evaluation;

/// <summary>
/// Multiclass metrics with scikit-learn's definitions over classes 0..k-1: micro accuracy (the share of correct rows),
/// macro accuracy (the mean per-class recall, scikit-learn's balanced accuracy and ML.NET's MacroAccuracy), macro and
/// weighted F1, per-class precision and recall (0 when undefined), log loss over the probability rows (each clipped to
/// [eps, 1 - eps] and renormalized), and the confusion matrix (rows actual, columns predicted). Rows may carry integer
/// weights, as in <see cref="BinaryMetrics"/>.
/// </summary>
public static class MulticlassMetrics
{
    private const double Eps = 2.220446049250313e-16;

    /// <param name="names">Class names for the per-class metrics (<c>precision_NAME</c>); the class index when null.</param>
    /// <param name="probabilities">Each row's k class probabilities, row after row; empty when there are none.</param>
    /// <param name="weights">Each row's weight; empty means every row weighs 1.</param>
    public static (Dictionary<string, double> Metrics, long[,] Confusion) Compute(
        int classes,
        ReadOnlySpan<int> actual,
        ReadOnlySpan<int> predicted,
        ReadOnlySpan<double> probabilities = default,
        ReadOnlySpan<int> weights = default,
        IReadOnlyList<string>? names = null)
    {
        var weighted = !weights.IsEmpty;
        var confusion = new long[classes, classes];
        long total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            long w = weighted ? weights[i] : 1;
            confusion[actual[i], predicted[i]] += w;
            total += w;
        }

        long correct = 0;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        double recallSum = 0, f1Sum = 0, weightedF1 = 0;
        int present = 0, seen = 0;
        for (var c = 0; c < classes; c++)
        {
            long tp = confusion[c, c], support = 0, predictedCount = 0;
            for (var o = 0; o < classes; o++)
            {
                support += confusion[c, o];
                predictedCount += confusion[o, c];
            }

            correct += tp;
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = support + predictedCount == 0 ? 0 : 2.0 * tp / (support + predictedCount);
            var name = names is null ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : names[c];
            metrics[$"precision_{name}"] = precision;
            metrics[$"recall_{name}"] = recall;
            if (support > 0)
            {
                recallSum += recall;
                present++;
            }

            // scikit-learn averages over the labels present in either the truth or the predictions.
            if (support + predictedCount > 0)
            {
                f1Sum += f1;
                seen++;
            }

            weightedF1 += f1 * support;
        }

        metrics["micro_accuracy"] = total == 0 ? double.NaN : (double)correct / total;
        metrics["macro_accuracy"] = present == 0 ? 0 : recallSum / present;
        metrics["macro_f1"] = seen == 0 ? 0 : f1Sum / seen;
        metrics["weighted_f1"] = total == 0 ? double.NaN : weightedF1 / total;
        if (!probabilities.IsEmpty)
        {
            metrics["log_loss"] = LogLoss(classes, actual, probabilities, weights);
        }

        return (metrics, confusion);
    }

    private static double LogLoss(int classes, ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, ReadOnlySpan<int> weights)
    {
        var weighted = !weights.IsEmpty;
        double loss = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double w = weighted ? weights[i] : 1;
            if (w == 0)
            {
                continue;
            }

            var row = probabilities.Slice(i * classes, classes);
            double sum = 0;
            foreach (var p in row)
            {
                sum += Math.Clamp(p, Eps, 1 - Eps);
            }

            loss -= w * Math.Log(Math.Clamp(row[actual[i]], Eps, 1 - Eps) / sum);
            total += w;
        }

        return total == 0 ? double.NaN : loss / total;
    }
}
