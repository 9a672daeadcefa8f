namespace MlOps.Gates.Evaluation;

/// <summary>
/// Which columns of a labelled dataset or predictions file hold what: the label, the slice columns and, for a
/// predictions file, the predicted label, a score or probability of the positive class, or one probability column per class.
/// </summary>
public sealed record EvaluationColumns
{
    public required string Label { get; init; }

    public string? Predicted { get; init; }

    /// <summary>A binary score that ranks rows (any real number); read as a probability when every value is in [0, 1].</summary>
    public string? Score { get; init; }

    /// <summary>The probability of the positive class: every value must be in [0, 1].</summary>
    public string? Probability { get; init; }

    /// <summary>Multiclass: the probability column of each class, in the classes' order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Probabilities { get; init; } = [];

    public IReadOnlyList<string> Slices { get; init; } = [];

    /// <summary>Binary: the label value that is the positive class; else 1, true or yes.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The task when set; else read from the model or inferred from the labels.</summary>
    public EvaluationTask? Task { get; init; }

    /// <summary>Binary without a predicted column: a row is predicted positive when its score is at least this.</summary>
    public double DecisionThreshold { get; init; } = 0.5;
}
