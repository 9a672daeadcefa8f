namespace MlOps.Gates.Evaluation;

/// <summary>
/// Multiclass metrics with scikit-learn's definitions over classes 0..k-1: micro accuracy (the share of correct rows),
/// macro accuracy (the mean per-class recall, scikit-learn's balanced accuracy and ML.NET's MacroAccuracy), macro and
/// weighted F1, per-class precision and recall (0 when undefined), log loss over the probability rows (each clipped to
/// [eps, 1 - eps] and renormalized), and the confusion matrix (rows actual, columns predicted).
/// </summary>
public static class MulticlassMetrics
{
    private const double Eps = 2.220446049250313e-16;

    public static (IReadOnlyDictionary<string, double> Metrics, long[,] Confusion) Compute(int classes, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, double[][]? probabilities = null)
    {
        var confusion = new long[classes, classes];
        for (var i = 0; i < actual.Length; i++)
        {
            confusion[actual[i], predicted[i]]++;
        }

        long correct = 0;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        double recallSum = 0, f1Sum = 0, weightedF1 = 0;
        var present = 0;
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
            metrics[$"precision_{c}"] = precision;
            metrics[$"recall_{c}"] = recall;
            if (support > 0)
            {
                recallSum += recall;
                present++;
            }

            if (support + predictedCount > 0)
            {
                f1Sum += f1;
            }

            weightedF1 += f1 * support;
        }

        var labelsSeen = Enumerable.Range(0, classes).Count(c => Enumerable.Range(0, classes).Any(o => confusion[c, o] > 0 || confusion[o, c] > 0));
        metrics["micro_accuracy"] = (double)correct / actual.Length;
        metrics["macro_accuracy"] = present == 0 ? 0 : recallSum / present;
        metrics["macro_f1"] = labelsSeen == 0 ? 0 : f1Sum / labelsSeen;
        metrics["weighted_f1"] = weightedF1 / actual.Length;
        if (probabilities is not null)
        {
            double loss = 0;
            for (var i = 0; i < actual.Length; i++)
            {
                var row = probabilities[i];
                double sum = 0;
                foreach (var p in row)
                {
                    sum += Math.Clamp(p, Eps, 1 - Eps);
                }

                loss -= Math.Log(Math.Clamp(row[actual[i]], Eps, 1 - Eps) / sum);
            }

            metrics["log_loss"] = loss / actual.Length;
        }

        return (metrics, confusion);
    }
}
