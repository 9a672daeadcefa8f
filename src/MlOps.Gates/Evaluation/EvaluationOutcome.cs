namespace MlOps.Gates.Evaluation;

/// <summary>Everything an evaluation found: the candidate's metrics against the baseline's, the verdicts, the slices and what the report draws.</summary>
public sealed class EvaluationOutcome
{
    public required EvaluationTask Task { get; init; }

    public required int Rows { get; init; }

    public IReadOnlyList<string> Classes { get; init; } = [];

    public required MetricValues Candidate { get; init; }

    public MetricValues? Baseline { get; init; }

    /// <summary>The headline metrics and every metric with a threshold, in that order.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>McNemar's test of the two classifiers on the same rows: rows only the candidate gets right, rows only the baseline does, p.</summary>
    public (long OnlyCandidate, long OnlyBaseline, double PValue)? McNemar { get; init; }

    public IReadOnlyList<(double X, double Y)> Roc { get; init; } = [];

    public IReadOnlyList<(double X, double Y)> PrecisionRecall { get; init; } = [];

    public IReadOnlyList<(double X, double Y)> BaselineRoc { get; init; } = [];

    public IReadOnlyList<(double X, double Y)> BaselinePrecisionRecall { get; init; } = [];

    /// <summary>Every slice, worst first by the first thresholded metric of its spec.</summary>
    public IReadOnlyList<SliceOutcome> Slices { get; init; } = [];

    /// <summary>What the candidate predicted: class shares and confidence (classifiers only).</summary>
    public PredictionProfile? Predictions { get; init; }

    public PredictionProfile? BaselinePredictions { get; init; }
}
