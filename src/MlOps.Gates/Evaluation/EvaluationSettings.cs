namespace MlOps.Gates.Evaluation;

/// <summary>How a candidate is judged: its metric thresholds, the bootstrap behind its intervals, and its slices.</summary>
public sealed record EvaluationSettings
{
    public IReadOnlyList<MetricThreshold> Thresholds { get; init; } = [];

    /// <summary>Paired bootstrap resamples for the intervals of the differences; 0 turns the bootstrap off.</summary>
    public int Resamples { get; init; } = 1000;

    public double Confidence { get; init; } = 0.95;

    public int Seed { get; init; } = 42;

    public IReadOnlyList<SliceSpec> Slices { get; init; } = [];
}
