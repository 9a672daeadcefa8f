namespace MlOps.Gates.Cards;

/// <summary>
/// What a model card shows of one evaluate gate: the candidate's metrics with the baseline's, their intervals and
/// verdicts, and every slice's metrics. Kept with the version, so the card needs no report at hand.
/// </summary>
public sealed record CardEvaluation
{
    public required string Gate { get; init; }

    public required string Task { get; init; }

    public int Rows { get; init; }

    public string? Baseline { get; init; }

    public double Confidence { get; init; }

    public IReadOnlyList<CardMetric> Metrics { get; init; } = [];

    public IReadOnlyList<CardSlice> Slices { get; init; } = [];
}

public sealed record CardMetric(string Name, double Value, double? Baseline, double? IntervalLow, double? IntervalHigh, double? PValue, string Verdict);

public sealed record CardSlice(string Name, int Rows, string Verdict, IReadOnlyDictionary<string, double> Metrics);
