using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Drift;
using MlOps.Gates.Reporting;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// A report's chart data is bounded per column whatever the levels (issue 18): a 5,000-level categorical shows the
/// levels whose share changed most and an "other" bin, while its test still uses every level.
/// </summary>
public sealed class ChartBinsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Many_levels_become_the_most_changed_ones_and_other_with_the_rest_of_the_shares()
    {
        var labels = Enumerable.Range(0, 100).Select(i => $"c{i:000}").ToArray();
        var reference = Enumerable.Repeat(0.01, 100).ToArray();
        var current = Enumerable.Repeat(0.01, 100).ToArray();
        current[7] = 0.05;
        current[42] = 0.0;
        current[90] = 0.0;
        current[91] = 0.0;
        current[92] = 0.0;

        var bins = ChartBins.Bounded(labels, reference, current);

        Assert.Equal(ChartBins.Max, bins.Count);
        Assert.Contains(bins, b => b.Label == "c007");
        Assert.Contains(bins, b => b.Label == "c042");
        Assert.Equal("other (81 levels)", bins[^1].Label);
        Assert.Equal(1.0, bins.Sum(b => b.Reference), 12);
        Assert.Equal(current.Sum(), bins.Sum(b => b.Current), 12);
        Assert.Equal(labels.Take(20), ChartBins.Bounded(labels[..20], reference[..20], current[..20]).Select(b => b.Label));
    }

    [Fact]
    public void A_drift_report_of_many_columns_and_levels_stays_small_and_the_verdicts_use_every_level()
    {
        var random = new Random(18);
        string Rows(int shift) => "id,city,amount,segment\n" + string.Join('\n', Enumerable.Range(0, 10_000).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i},city-{random.Next(0, 5_000) + shift},{random.NextDouble() * 100:0.###},{(random.Next(3) == 0 ? "a" : "b")}"))) + "\n";
        _dir.Write("reference.csv", Rows(0));
        _dir.Write("current.csv", Rows(200));
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", "gates:\n  - name: d\n    type: drift\n    reference: reference.csv\n    current: current.csv\n    column_types: {city: categorical}\n"));

        var run = new GateRunner(new Gates.FixedTime(Gates.Now)).Run(config);
        var json = ReportJson.Serialize(run);

        var city = run.Gates.Single().Checks.Single(c => c.Id == "city");
        Assert.Equal(ChartBins.Max, city.Chart.Count);
        Assert.StartsWith("other (", city.Chart[^1].Label, StringComparison.Ordinal);
        Assert.True(city.Metrics["unique_values"] > 4_000, "the test counts every level");
        Assert.False(city.Success);
        Assert.True(json.Length < 200_000, $"report.json is {json.Length} characters");
    }
}
