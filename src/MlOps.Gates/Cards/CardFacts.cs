using MlOps.Gates.Results;

namespace MlOps.Gates.Cards;

/// <summary>What a version keeps for its model card: the gates file's <c>card:</c> section and the evaluations of the run that gated it.</summary>
public sealed record CardFacts
{
    public ModelCardSection? Card { get; init; }

    public IReadOnlyList<CardEvaluation> Evaluations { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Card is null && Evaluations.Count == 0;

    public static CardFacts FromRun(RunResult run) => new()
    {
        Card = run.Card,
        Evaluations = run.Gates.Where(g => g.Evaluation is not null).Select(g => Of(g.Name, g.Evaluation!)).ToList(),
    };

    public static CardEvaluation Of(string gate, ModelEvaluation evaluation) => new()
    {
        Gate = gate,
        Task = evaluation.Task,
        Rows = evaluation.Rows,
        Baseline = evaluation.Baseline,
        Confidence = evaluation.Confidence,
        Metrics = evaluation.Metrics
            .Where(m => double.IsFinite(m.Value))
            .Select(m => new CardMetric(m.Name, m.Value, Finite(m.Baseline), Finite(m.IntervalLow), Finite(m.IntervalHigh), Finite(m.PValue), m.Verdict))
            .ToList(),
        Slices = evaluation.Slices
            .Select(s => new CardSlice(s.Name, s.Rows, s.Verdict, s.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)))
            .ToList(),
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
