using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Kinds;

namespace MlOps.Gates.Tests;

/// <summary>A gate built from options is read by the kind's own reader: the same keys give the same definition as a gates file.</summary>
public sealed class CommandLineGateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Options_and_the_gates_file_give_the_same_evaluate_definition()
    {
        var predictions = _dir.Write("p.csv", "label,predicted,region\n1,1,a\n0,0,b\n");
        var file = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: evaluate
                type: evaluate
                predictions: p.csv
                label: label
                task: classifier
                require_significant: 0.05
                metrics:
                  accuracy: {threshold: 0.8, min_absolute_change: 0.01}
                  log_loss: 0.5
                bootstrap: {resamples: 200, seed: 7}
                slices:
                  - {columns: [region], min_slice_size: 3}
            """)).Gates.Single();

        var options = new CommandLineGate("evaluate")
            .Set("predictions", predictions, "--predictions")
            .Set("label", "label", "--label")
            .Set("task", "classifier", "--task")
            .Set("require_significant", 0.05, "--require-significant")
            .Set("metrics", new Dictionary<string, object?> { ["accuracy"] = new Dictionary<string, object?> { ["threshold"] = 0.8, ["min_absolute_change"] = 0.01 }, ["log_loss"] = 0.5 }, "--metric")
            .Set("bootstrap", new Dictionary<string, object?> { ["resamples"] = 200, ["seed"] = 7 }, "--resamples")
            .Set("slices", new[] { new Dictionary<string, object?> { ["columns"] = new[] { "region" }, ["min_slice_size"] = 3 } }, "--slice")
            .Read(GateKinds.Find("evaluate"), _dir.Path).Gates.Single();

        var (a, b) = ((EvaluateGate)file, (EvaluateGate)options);
        Assert.Equal(JsonSerializer.Serialize(a.Settings), JsonSerializer.Serialize(b.Settings));
        Assert.Equal(JsonSerializer.Serialize(a.Columns), JsonSerializer.Serialize(b.Columns));
        Assert.Equal(a.Data.Path, b.Data.Path);
        Assert.NotNull(a.Location);
        Assert.Null(b.Location);
        Assert.Empty(b.ThresholdLocations);
    }

    [Fact]
    public void Errors_name_options_carry_no_place_and_are_usage_errors_all_at_once()
    {
        var gate = new CommandLineGate("drift")
            .Set("reference", Path.Combine(_dir.Path, "none.csv"), "--reference")
            .Set("current", _dir.Write("c.csv", "a\n1\n"), "--current")
            .Set("drift_share", 2.0, "--drift-share")
            .Set("correction", "sometimes", "--correction");

        var errors = Assert.Throws<GatesInputException>(() => gate.Read(GateKinds.Find("drift"), _dir.Path)).Errors;

        Assert.All(errors, e => Assert.Null(e.Location));
        Assert.Contains(errors, e => e.Code == ErrorCodes.FileNotFound && e.Message.StartsWith($"--reference: data file '{Path.Combine(_dir.Path, "none.csv")}' not found", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ErrorCodes.BadUsage && e.Message == "--drift-share must be between 0 and 1");
        Assert.Contains(errors, e => e.Code == ErrorCodes.BadUsage && e.Message.StartsWith("--correction must be one of none, bonferroni", StringComparison.Ordinal));
    }
}
