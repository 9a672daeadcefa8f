using System.Text.Json;
using MlOps.Gates.Drift.Statistics;

namespace MlOps.Gates.Tests;

/// <summary>
/// Every statistic against scipy 1.10's value for the same samples (Fixtures/drift-stats.json, written once by
/// build/fixtures/drift_stats.py): 1e-6 relative for statistics, 1e-6 absolute for p-values.
/// </summary>
public sealed class DriftStatisticsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drift-stats.json"))).RootElement;

    public static TheoryData<int> SampleCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Fixture.GetProperty("samples").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<int> CountCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Fixture.GetProperty("counts").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleCases))]
    public void Sample_tests_equal_scipy(int index)
    {
        var c = Fixture.GetProperty("samples")[index];
        var a = Generate(c.GetProperty("a"));
        var b = Generate(c.GetProperty("b"));
        Array.Sort(a);
        Array.Sort(b);
        var label = $"n=({a.Length},{b.Length})";

        AssertResult(KolmogorovSmirnovTest.TwoSample(a, b), c.GetProperty("ks"), "ks " + label);
        if (c.GetProperty("mannwhitney").ValueKind != JsonValueKind.Null)
        {
            AssertResult(MannWhitneyTest.Test(a, b), c.GetProperty("mannwhitney"), "mannwhitney " + label);
        }
        AssertResult(WelchTTest.Test(a, b), c.GetProperty("ttest"), "ttest " + label);
        AssertResult(AndersonDarlingTest.Test(a, b)!.Value, c.GetProperty("anderson"), "anderson " + label);
        if (c.GetProperty("cramervonmises").ValueKind != JsonValueKind.Null)
        {
            AssertResult(CramerVonMisesTest.Test(a, b), c.GetProperty("cramervonmises"), "cramervonmises " + label);
        }
        AssertRelative(c.GetProperty("wasserstein").GetDouble(), WassersteinDistance.Compute(a, b), "wasserstein " + label);
        AssertRelative(c.GetProperty("referenceStd").GetDouble(), WassersteinDistance.PopulationStandardDeviation(a), "std " + label);
    }

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Count_tests_equal_scipy(int index)
    {
        var c = Fixture.GetProperty("counts")[index];
        var observed = c.GetProperty("observed").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var reference = c.GetProperty("reference").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = reference.Select(r => r * observed.Sum() / reference.Sum()).ToArray();

        AssertResult(ChiSquareTest.Test(observed, expected), c.GetProperty("chisquare"), "chisquare");
        var js = ShareDistances.JensenShannon(reference.Select(r => r / reference.Sum()).ToArray(), observed.Select(o => o / observed.Sum()).ToArray());
        AssertRelative(c.GetProperty("jensenshannon").GetDouble(), js, "jensenshannon");
    }

    [Fact]
    public void Proportion_z_test_equals_scipy_normal_tail()
    {
        foreach (var c in Fixture.GetProperty("proportions").EnumerateArray())
        {
            var h = c.GetProperty("hits").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var result = ProportionZTest.Test(h[0], h[1], h[2], h[3]);
            AssertRelative(c.GetProperty("z").GetDouble(), result.Statistic, "z");
            Assert.InRange(Math.Abs(c.GetProperty("p").GetDouble() - result.PValue!.Value), 0, 1e-6);
        }
    }

    /// <summary>The fixture's generator: a 64-bit LCG and Irwin-Hall sums of four uniforms, exact IEEE operations only.</summary>
    internal static double[] Generate(JsonElement spec)
    {
        var seed = spec.GetProperty("seed").GetUInt64();
        var n = spec.GetProperty("n").GetInt32();
        var mu = spec.GetProperty("mu").GetDouble();
        var scale = spec.GetProperty("scale").GetDouble();
        int? decimals = spec.GetProperty("decimals").ValueKind == JsonValueKind.Null ? null : spec.GetProperty("decimals").GetInt32();
        var state = seed;
        var values = new double[n];
        Span<double> u = stackalloc double[4];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
                u[k] = (state >> 11) * (1.0 / 9007199254740992.0);
            }

            var x = ((u[0] + u[1] + (u[2] + u[3])) - 2.0) * scale + mu;
            if (decimals is { } d)
            {
                var factor = Math.Pow(10.0, d);
                x = Math.Floor(x * factor) / factor;
            }

            values[i] = x;
        }

        return values;
    }

    private static void AssertResult(TestResult actual, JsonElement expected, string label)
    {
        AssertRelative(expected[0].GetDouble(), actual.Statistic, label + " statistic");
        var p = expected[1].GetDouble();
        Assert.True(Math.Abs(p - actual.PValue!.Value) <= 1e-6, $"{label} p-value: expected {p:R}, got {actual.PValue:R}");
    }

    private static void AssertRelative(double expected, double actual, string label) =>
        Assert.True(
            expected == actual || Math.Abs(expected - actual) <= 1e-6 * Math.Max(Math.Abs(expected), 1e-300) || Math.Abs(expected - actual) < 1e-12,
            $"{label}: expected {expected:R}, got {actual:R}");
}
