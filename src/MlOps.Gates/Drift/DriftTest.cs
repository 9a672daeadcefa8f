namespace MlOps.Gates.Drift;

/// <summary>A drift test: its name, whether it yields a p-value (drift when p &lt; threshold) or a distance (drift when distance &gt;= threshold), its default threshold, and what columns it applies to.</summary>
public sealed record DriftTest(string Name, bool IsPValue, double DefaultThreshold, bool Numeric, bool Categorical)
{
    public static readonly DriftTest Ks = new("ks", true, 0.05, true, false);
    public static readonly DriftTest ChiSquare = new("chisquare", true, 0.05, true, true);
    public static readonly DriftTest Z = new("z", true, 0.05, true, true);
    public static readonly DriftTest Wasserstein = new("wasserstein", false, 0.1, true, false);
    public static readonly DriftTest JensenShannon = new("jensenshannon", false, 0.1, true, true);
    public static readonly DriftTest Psi = new("psi", false, 0.1, true, true);
    public static readonly DriftTest KlDiv = new("kl_div", false, 0.1, true, true);
    public static readonly DriftTest Hellinger = new("hellinger", false, 0.1, true, true);
    public static readonly DriftTest Tvd = new("tvd", false, 0.1, true, true);
    public static readonly DriftTest MannWhitney = new("mannwhitney", true, 0.05, true, false);
    public static readonly DriftTest TTest = new("t_test", true, 0.05, true, false);
    public static readonly DriftTest Anderson = new("anderson", true, 0.05, true, false);
    public static readonly DriftTest CramerVonMises = new("cramer_von_mises", true, 0.05, true, false);

    public static readonly IReadOnlyList<DriftTest> All = [Ks, ChiSquare, Z, Wasserstein, JensenShannon, Psi, KlDiv, Hellinger, Tvd, MannWhitney, TTest, Anderson, CramerVonMises];

    public static DriftTest? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a result means drift at a threshold: p-values drift at or below it for ks, strictly below for the others; distances at or above it.</summary>
    public bool Drifted(double statistic, double? pValue, double threshold) =>
        IsPValue
            ? pValue is { } p && (this == Ks ? p <= threshold : p < threshold)
            : statistic >= threshold;
}
