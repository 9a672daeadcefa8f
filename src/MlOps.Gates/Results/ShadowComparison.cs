namespace MlOps.Gates.Results;

/// <summary>
/// What a shadow comparison found: how often the candidate predicts what the baseline does on the same unlabelled
/// rows, whether their outputs are distributed alike (the drift gate's tests, the baseline as the reference), and the
/// rows where they differ most.
/// </summary>
public sealed record ShadowComparison
{
    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    public required string Candidate { get; init; }

    public required string Baseline { get; init; }

    public required int Rows { get; init; }

    /// <summary>Rows on which both predict the same class (a regression: values within <see cref="Tolerance"/>).</summary>
    public required long Agreeing { get; init; }

    public double Agreement => Rows == 0 ? 1 : (double)Agreeing / Rows;

    public double? MinAgreement { get; init; }

    public double? Tolerance { get; init; }

    /// <summary>The mean absolute difference of the scores, probabilities or values both models give.</summary>
    public double? MeanAbsoluteDifference { get; init; }

    public IReadOnlyList<ShadowOutputDrift> Drift { get; init; } = [];

    /// <summary>The rows where the two differ most, the largest difference first.</summary>
    public IReadOnlyList<ShadowDisagreement> Disagreements { get; init; } = [];

    /// <summary>Classifiers: each class's share of the candidate's and the baseline's predictions.</summary>
    public IReadOnlyList<ShadowClassShare> Classes { get; init; } = [];
}

/// <summary>One output of both models (predicted label, probability, score or value) tested as a drift gate tests a column.</summary>
public sealed record ShadowOutputDrift(string Output, string Test, double Statistic, double? PValue, double Threshold, bool Drifted);

/// <summary>A data row (1 = the first row after the header) where the two predict differently, or differ most.</summary>
public sealed record ShadowDisagreement(long Row, string Candidate, string Baseline, double Difference);

public sealed record ShadowClassShare(string Class, double Candidate, double Baseline);
