using System.Text;
using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Reporting;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// <c>require_significant</c> on accuracy inside a slice is judged on that slice's own rows by McNemar's exact test:
/// a large improvement in one segment passes, a small one in another does not, whatever the whole data says.
/// </summary>
public sealed class SliceSignificanceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Each_slice_gets_its_own_mcnemar_test_and_its_own_significance_verdict()
    {
        // Per segment, 400 rows the baseline gets right or wrong alternately; in "north" the candidate also gets 40
        // of the baseline's wrong rows right (40 against 0), in "south" 3 of them right and 1 of the right ones wrong.
        var candidate = new StringBuilder("label,predicted,segment\n");
        var baseline = new StringBuilder("label,predicted,segment\n");
        foreach (var segment in new[] { "north", "south" })
        {
            for (var i = 0; i < 400; i++)
            {
                var label = i % 3 == 0 ? 1 : 0;
                var baselineRight = i % 2 == 0;
                var candidateRight = segment == "north" ? baselineRight || i % 10 == 1 : i is 1 or 3 or 5 ? true : i == 0 ? false : baselineRight;
                baseline.Append($"{label},{(baselineRight ? label : 1 - label)},{segment}\n");
                candidate.Append($"{label},{(candidateRight ? label : 1 - label)},{segment}\n");
            }
        }

        _dir.Write("candidate.csv", candidate.ToString());
        _dir.Write("baseline.csv", baseline.ToString());
        var config = _dir.Write("mlops-gates.yml", """
            gates:
              - name: churn
                type: evaluate
                predictions: candidate.csv
                baseline: baseline.csv
                label: label
                columns: {predicted: predicted}
                bootstrap: {resamples: 0}
                metrics:
                  accuracy: 0.4
                slices:
                  - columns: [segment]
                    metrics:
                      accuracy: {threshold: 0.4, min_absolute_change: 0, require_significant: 0.05}
            """);

        var run = new GateRunner().Run(GatesConfigLoader.Load(config));
        var slices = run.Gates.Single().Evaluation!.Slices.ToDictionary(s => s.Name);

        Assert.Equal((40L, 0L), (slices["segment=north"].McNemar!.OnlyCandidate, slices["segment=north"].McNemar!.OnlyBaseline));
        Assert.Equal(McNemarTest.PValue(40, 0), slices["segment=north"].McNemar!.PValue);
        Assert.Equal("passed", slices["segment=north"].Verdict);
        Assert.Equal((3L, 1L), (slices["segment=south"].McNemar!.OnlyCandidate, slices["segment=south"].McNemar!.OnlyBaseline));
        Assert.Equal(0.625, slices["segment=south"].McNemar!.PValue, 12);
        Assert.Equal("failed", slices["segment=south"].Verdict);
        Assert.Contains("not a significant improvement (McNemar p = 0.625", slices["segment=south"].Failures.Single(), StringComparison.Ordinal);
        Assert.Contains(run.Gates.Single().Findings, f => f.Code == ErrorCodes.SliceMetric && f.Message.Contains("segment=south: accuracy: accuracy changes by 0.005, which is not a significant improvement", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(ReportJson.Serialize(run));
        var south = json.RootElement.GetProperty("gates")[0].GetProperty("evaluation").GetProperty("slices").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "segment=south");
        Assert.Equal(0.625, south.GetProperty("mcNemar").GetProperty("pValue").GetDouble(), 12);
        var markdown = new ReportRenderer().RenderMarkdown(run);
        Assert.Contains("McNemar p |", markdown, StringComparison.Ordinal);
        Assert.Contains("| segment=south | 400 |", markdown, StringComparison.Ordinal);
    }
}
