namespace MlOps.Gates.Evaluation;

/// <summary>The metrics of one slice (rows sharing the values of the slice columns) and their verdicts; too small a slice is not judged.</summary>
public sealed record SliceOutcome(
    string Name,
    IReadOnlyList<string> Columns,
    int Rows,
    bool TooSmall,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double>? Baseline,
    IReadOnlyList<ThresholdVerdict> Verdicts,
    (long OnlyCandidate, long OnlyBaseline, double PValue)? McNemar = null);
