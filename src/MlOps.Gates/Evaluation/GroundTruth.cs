namespace MlOps.Gates.Evaluation;

/// <summary>
/// The labelled rows a model is judged on, shared by the candidate and its baseline: the true label of each row in the
/// task's shape, the class names and the slice columns.
/// </summary>
public sealed class GroundTruth
{
    public required EvaluationTask Task { get; init; }

    public required int Count { get; init; }

    /// <summary>Binary: whether each row is of the positive class.</summary>
    public bool[] Positive { get; init; } = [];

    /// <summary>Multiclass: each row's class, an index into <see cref="Classes"/>.</summary>
    public int[] Class { get; init; } = [];

    /// <summary>Regression: each row's target.</summary>
    public double[] Value { get; init; } = [];

    /// <summary>Binary: negative then positive class; multiclass: every class the model knows, in its order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public IReadOnlyList<SliceColumn> Slices { get; init; } = [];
}
