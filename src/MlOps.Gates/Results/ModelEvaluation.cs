namespace MlOps.Gates.Results;

/// <summary>
/// What an evaluate gate measured, for reports: each metric of the candidate beside the baseline's with the difference,
/// its interval and the verdict; the confusion matrices; the ROC and precision-recall curves; the slices.
/// </summary>
public sealed class ModelEvaluation
{
    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    public required int Rows { get; init; }

    public IReadOnlyList<string> Classes { get; init; } = [];

    public required string Candidate { get; init; }

    public string? Baseline { get; init; }

    /// <summary>The confidence of the intervals, such as 0.95, and the bootstrap resamples behind them.</summary>
    public double Confidence { get; init; }

    public int Resamples { get; init; }

    public required IReadOnlyList<MetricRow> Metrics { get; init; }

    /// <summary>Rows actual, columns predicted, in the order of <see cref="Classes"/>.</summary>
    public IReadOnlyList<IReadOnlyList<long>>? Confusion { get; init; }

    public IReadOnlyList<IReadOnlyList<long>>? BaselineConfusion { get; init; }

    public McNemarResult? McNemar { get; init; }

    public IReadOnlyList<CurvePoint> Roc { get; init; } = [];

    public IReadOnlyList<CurvePoint> PrecisionRecall { get; init; } = [];

    public IReadOnlyList<CurvePoint> BaselineRoc { get; init; } = [];

    public IReadOnlyList<CurvePoint> BaselinePrecisionRecall { get; init; } = [];

    /// <summary>Every slice, the worst first.</summary>
    public IReadOnlyList<SliceRow> Slices { get; init; } = [];

    /// <summary>What the candidate predicted, labels aside: class shares and mean confidence (classifiers only).</summary>
    public Evaluation.PredictionProfile? Predictions { get; init; }

    public Evaluation.PredictionProfile? BaselinePredictions { get; init; }
}

/// <summary>One metric: the candidate's value, the baseline's, the difference (candidate minus baseline), its interval, and the verdict.</summary>
public sealed record MetricRow(
    string Name,
    double Value,
    double? Baseline,
    double? Delta,
    double? IntervalLow,
    double? IntervalHigh,
    double? PValue,
    string? PValueTest,
    bool GreaterIsBetter,
    string Verdict,
    string? Rule,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Notes);

/// <summary>McNemar's exact test: rows only the candidate classifies right, rows only the baseline does, and the p-value.</summary>
public sealed record McNemarResult(long OnlyCandidate, long OnlyBaseline, double PValue);

public sealed record CurvePoint(double X, double Y);

/// <summary>One slice: its rows, its metrics (and the baseline's), whether it was judged and how.</summary>
public sealed record SliceRow(
    string Name,
    int Rows,
    bool TooSmall,
    string Verdict,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double>? Baseline,
    IReadOnlyList<string> Failures,
    McNemarResult? McNemar = null);
