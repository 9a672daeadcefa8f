using MlOps.Gates.Drift.Statistics;

namespace MlOps.Gates.Drift;

/// <summary>
/// Tests one column for drift. The default test follows Evidently's choice: with n the reference's non-missing
/// values and u the distinct values of both samples, numeric columns with u &gt; 5 get <c>ks</c> (n &lt;= 1000) or
/// <c>wasserstein</c>; numeric columns with u of 3 to 5 and categorical columns with u &gt; 2 get <c>chisquare</c> or
/// <c>jensenshannon</c>; binary columns (u &lt;= 2) get <c>z</c> or <c>jensenshannon</c>.
/// </summary>
public static class ColumnDrift
{
    public const int SmallSample = 1000;

    /// <summary>Distinct numeric values are counted up to here: the test choice only asks whether there are more than 5.</summary>
    public const int UniqueLimit = 1000;

    public static ColumnDriftResult Test(ColumnSample reference, ColumnSample current, DriftTest? chosen, double? threshold)
    {
        var numeric = reference.IsNumeric && current.IsNumeric;
        var baseResult = new ColumnDriftResult
        {
            Column = reference.Name,
            ColumnType = numeric ? "numeric" : "categorical",
            ReferenceCount = reference.Count,
            CurrentCount = current.Count,
            ReferenceMissing = reference.Missing + reference.NonFinite,
            CurrentMissing = current.Missing + current.NonFinite,
        };
        if (reference.Count == 0 || current.Count == 0)
        {
            return baseResult with { Tested = false, Note = $"no values to compare in the {(reference.Count == 0 ? "reference" : "current")} data" };
        }

        var referenceCategories = numeric ? null : reference.Categories;
        var currentCategories = numeric ? null : current.Categories;
        var unique = numeric
            ? Binning.CountDistinct(reference.Numbers, current.Numbers, UniqueLimit)
            : referenceCategories!.Keys.Union(currentCategories!.Keys).Count();
        var n = reference.Count;
        var columnType = unique <= 2 ? "binary" : numeric ? "numeric" : "categorical";
        // A binary column is categorical whatever its values look like: a numeric-only test asked for every column
        // does not apply to it.
        var applies = chosen is not null && (numeric && unique > 2 ? chosen.Numeric : chosen.Categorical);
        var test = applies ? chosen! : Default(numeric && unique > 2, unique, n, chosen);
        var limit = threshold ?? test.DefaultThreshold;
        var result = baseResult with { ColumnType = columnType, Test = test, Threshold = limit, UniqueValues = unique };
        var (statistic, p, bins) = Compute(test, reference, current, numeric);
        if (test.IsPValue && p is null)
        {
            return result with { Tested = false, Bins = bins, Note = $"{test.Name} needs at least two values on each side" };
        }

        return result with { Statistic = statistic, PValue = p, Drifted = test.Drifted(statistic, p, limit), Bins = bins };
    }

    private static DriftTest Default(bool numeric, long unique, long n, DriftTest? chosen)
    {
        var small = n <= SmallSample;
        if (chosen is not null && !numeric && chosen.Numeric)
        {
            // A numeric-only test asked for every column: categories fall back to the chi-square test, as
            // "KS plus chi-square everywhere" setups expect.
            return DriftTest.ChiSquare;
        }

        if (numeric && unique > 5)
        {
            return small ? DriftTest.Ks : DriftTest.Wasserstein;
        }

        if (unique > 2)
        {
            return small ? DriftTest.ChiSquare : DriftTest.JensenShannon;
        }

        return small ? DriftTest.Z : DriftTest.JensenShannon;
    }

    private static (double Statistic, double? PValue, IReadOnlyList<DriftBin> Bins) Compute(DriftTest test, ColumnSample reference, ColumnSample current, bool numeric)
    {
        var (labels, refShares, curShares) = numeric
            ? Binning.Numeric(reference.Numbers, current.Numbers)
            : Binning.Categorical(reference.Categories, current.Categories);
        var bins = ChartBins.Bounded(labels, refShares, curShares);
        TestResult result;
        switch (test.Name)
        {
            case "ks":
                result = KolmogorovSmirnovTest.TwoSample(reference.Numbers, current.Numbers);
                break;
            case "wasserstein":
                var sd = Math.Max(WassersteinDistance.PopulationStandardDeviation(reference.Numbers), 0.001);
                result = new TestResult(WassersteinDistance.Compute(reference.Numbers, current.Numbers) / sd, null);
                break;
            case "mannwhitney":
                result = MannWhitneyTest.Test(reference.Numbers, current.Numbers);
                break;
            case "t_test":
                result = WelchTTest.Test(reference.Numbers, current.Numbers);
                break;
            case "anderson":
                // All values equal: the samples cannot differ, and the statistic is undefined.
                result = AndersonDarlingTest.Test(reference.Numbers, current.Numbers) ?? new TestResult(0, 1.0);
                break;
            case "cramer_von_mises":
                result = reference.Numbers.Length < 2 || current.Numbers.Length < 2
                    ? new TestResult(double.NaN, null)
                    : CramerVonMisesTest.Test(reference.Numbers, current.Numbers);
                break;
            case "chisquare":
                result = ChiSquare(numeric ? reference.NumericCategories() : reference.Categories, numeric ? current.NumericCategories() : current.Categories);
                break;
            case "z":
                result = ZTest(numeric ? reference.NumericCategories() : reference.Categories, numeric ? current.NumericCategories() : current.Categories, numeric);
                break;
            case "jensenshannon":
                result = new TestResult(ShareDistances.JensenShannon(refShares, curShares), null);
                break;
            case "psi":
                result = new TestResult(ShareDistances.PopulationStability(Binning.FillZeros(refShares), Binning.FillZeros(curShares)), null);
                break;
            case "kl_div":
                result = new TestResult(ShareDistances.KullbackLeibler(Binning.FillZeros(refShares), Binning.FillZeros(curShares)), null);
                break;
            case "hellinger":
                result = new TestResult(ShareDistances.Hellinger(refShares, curShares), null);
                break;
            default:
                result = new TestResult(ShareDistances.TotalVariation(refShares, curShares), null);
                break;
        }

        return (result.Statistic, result.PValue, bins);
    }

    /// <summary>Observed current counts against reference counts scaled to the current total; a category only in current makes the statistic infinite.</summary>
    private static TestResult ChiSquare(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        double rt = reference.Values.Sum(), ct = current.Values.Sum();
        var expected = keys.Select(k => reference.GetValueOrDefault(k) * (ct / rt)).ToArray();
        var observed = keys.Select(k => (double)current.GetValueOrDefault(k)).ToArray();
        return ChiSquareTest.Test(observed, expected);
    }

    private static TestResult ZTest(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, bool numeric)
    {
        var keys = reference.Keys.Union(current.Keys).ToList();
        keys.Sort(numeric ? (a, b) => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(double.Parse(b, System.Globalization.CultureInfo.InvariantCulture)) : StringComparer.Ordinal.Compare);
        var first = keys[0];
        if (keys.Count == 1)
        {
            return new TestResult(0, 1.0);
        }

        return ProportionZTest.Test(reference.Values.Sum() - reference.GetValueOrDefault(first), reference.Values.Sum(), current.Values.Sum() - current.GetValueOrDefault(first), current.Values.Sum());
    }
}
