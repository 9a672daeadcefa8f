namespace MlOps.Gates.Evaluation;

/// <summary>
/// A shadow comparison (champion and challenger without labels): how much the candidate must agree with the baseline,
/// what counts as agreeing for a regression, and how many of the rows where they differ most to show.
/// </summary>
public sealed record ShadowSettings
{
    /// <summary>The least share of rows on which both predict the same; null reports the agreement without judging it.</summary>
    public double? MinAgreement { get; init; }

    /// <summary>Regression: two predictions agree when they differ by at most this.</summary>
    public double Tolerance { get; init; }

    public int Disagreements { get; init; } = 10;
}
