namespace MlOps.Gates.Evaluation;

/// <summary>
/// One model's metrics on its ground truth, prepared once (the score order is sorted here) so that every slice and
/// every bootstrap resample costs one weighted pass.
/// </summary>
public sealed class ModelMetrics
{
    private readonly GroundTruth _truth;
    private readonly ModelOutput _output;
    private readonly int[]? _ascending;

    public ModelMetrics(GroundTruth truth, ModelOutput output)
    {
        _truth = truth;
        _output = output;
        if (truth.Task == EvaluationTask.Binary && output.Score.Length > 0)
        {
            _ascending = BinaryMetrics.Ascending(output.Score);
        }
    }

    /// <summary>Rows in ascending order of score (binary models with scores); null otherwise.</summary>
    public int[]? Ascending => _ascending;

    /// <param name="weights">Each row's weight; empty means every row weighs 1.</param>
    /// <param name="ascending">
    /// The score order of just the rows with weight, when the caller has it (a slice): the ranking metrics then walk
    /// only those rows.
    /// </param>
    public MetricValues Compute(ReadOnlySpan<int> weights = default, int[]? ascending = null)
    {
        switch (_truth.Task)
        {
            case EvaluationTask.Binary:
                var values = BinaryMetrics.Compute(_truth.Positive, _output.Predicted, _output.Score, ascending ?? _ascending, weights, _output.ScoreIsProbability);
                var confusion = new long[2, 2];
                confusion[0, 0] = (long)values["true_negatives"];
                confusion[0, 1] = (long)values["false_positives"];
                confusion[1, 0] = (long)values["false_negatives"];
                confusion[1, 1] = (long)values["true_positives"];
                return new MetricValues(values, confusion);
            case EvaluationTask.Multiclass:
                var (metrics, matrix) = MulticlassMetrics.Compute(_truth.Classes.Count, _truth.Class, _output.PredictedClass, _output.Probabilities, weights, _truth.Classes);
                return new MetricValues(metrics, matrix);
            default:
                return new MetricValues(RegressionMetrics.Compute(_truth.Value, _output.Value, weights), null);
        }
    }

    /// <summary>The ROC and precision-recall curves of a binary model with scores; null otherwise.</summary>
    public (IReadOnlyList<(double X, double Y)> Roc, IReadOnlyList<(double X, double Y)> PrecisionRecall)? Curves() =>
        _ascending is null ? null : BinaryMetrics.Curves(_truth.Positive, _output.Score, _ascending);
}
