namespace MlOps.Gates.Evaluation;

/// <summary>One model's predictions for the rows of a <see cref="GroundTruth"/>, in the same order.</summary>
public sealed class ModelOutput
{
    /// <summary>Binary: the predicted class of each row.</summary>
    public bool[] Predicted { get; init; } = [];

    /// <summary>Binary: a score that ranks rows by how positive they are; empty when the model gives none.</summary>
    public double[] Score { get; init; } = [];

    /// <summary>Binary: whether <see cref="Score"/> is a probability in [0, 1], which log loss needs.</summary>
    public bool ScoreIsProbability { get; init; }

    /// <summary>Multiclass: the predicted class of each row, an index into the ground truth's classes.</summary>
    public int[] PredictedClass { get; init; } = [];

    /// <summary>Multiclass: each row's class probabilities, row after row; empty when the model gives none.</summary>
    public double[] Probabilities { get; init; } = [];

    /// <summary>Regression: the predicted value of each row.</summary>
    public double[] Value { get; init; } = [];

    /// <summary>Whether the row's prediction is right: the classes agree (regression has no such notion).</summary>
    public bool Correct(GroundTruth truth, int row) => truth.Task switch
    {
        EvaluationTask.Binary => Predicted[row] == truth.Positive[row],
        EvaluationTask.Multiclass => PredictedClass[row] == truth.Class[row],
        _ => false,
    };
}
