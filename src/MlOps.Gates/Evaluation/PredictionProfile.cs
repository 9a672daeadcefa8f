namespace MlOps.Gates.Evaluation;

/// <summary>
/// What a model predicted, whatever the labels say: the share of rows predicted as each class, and the mean probability
/// of the class it chose (its confidence), the figures a prediction monitor watches for a model that drifts.
/// </summary>
public sealed record PredictionProfile(IReadOnlyDictionary<string, double> PredictedShares, double? MeanConfidence)
{
    /// <summary>The profile of a classifier's output; null for regression.</summary>
    public static PredictionProfile? Of(GroundTruth truth, ModelOutput output)
    {
        if (truth.Task == EvaluationTask.Regression || truth.Count == 0)
        {
            return null;
        }

        var counts = new long[truth.Classes.Count];
        double confidence = 0;
        var hasProbability = truth.Task == EvaluationTask.Binary ? output.ScoreIsProbability : output.Probabilities.Length == truth.Count * truth.Classes.Count;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth.Task == EvaluationTask.Binary)
            {
                counts[output.Predicted[i] ? 1 : 0]++;
                if (hasProbability)
                {
                    confidence += Math.Max(output.Score[i], 1 - output.Score[i]);
                }
            }
            else
            {
                counts[output.PredictedClass[i]]++;
                if (hasProbability)
                {
                    confidence += Max(output.Probabilities.AsSpan(i * truth.Classes.Count, truth.Classes.Count));
                }
            }
        }

        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < counts.Length; c++)
        {
            shares[truth.Classes[c]] = (double)counts[c] / truth.Count;
        }

        return new PredictionProfile(shares, hasProbability ? confidence / truth.Count : null);
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }
}
