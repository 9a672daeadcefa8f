using System.Globalization;
using System.Text;
using MlOps.Gates.Config;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// A cancelled run stops inside the reading of a large file, not after it: the drift and evaluate runners check the
/// token as their scans go, as the data-quality pass does.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private const int Rows = 300_000;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GatesConfig Load()
    {
        var text = new StringBuilder("label,score,x\n", Rows * 16);
        for (var i = 0; i < Rows; i++)
        {
            text.Append(i % 2).Append(',').Append(((i % 100) / 100.0).ToString(CultureInfo.InvariantCulture)).Append(',').Append(i % 977).Append('\n');
        }

        _dir.Write("big.csv", text.ToString());
        return GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: drift
                type: drift
                reference: big.csv
                current: big.csv
              - name: model
                type: evaluate
                predictions: big.csv
                label: label
                columns: {probability: score}
                metrics:
                  accuracy: 0.1
            """));
    }

    [Fact]
    public void Reading_drift_samples_stops_at_a_cancelled_token_before_the_end_of_the_file()
    {
        var gate = Load().Gates.OfType<DriftGate>().Single();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Drift.DriftSampleReader.Read(gate.Current, null, new HashSet<string>(), out _, out _, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => DriftRunner.Run(gate, null, cancelled.Token));
    }

    [Fact]
    public void Reading_predictions_stops_at_a_cancelled_token_before_the_end_of_the_file()
    {
        var gate = Load().Gates.OfType<EvaluateGate>().Single();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Evaluation.PredictionsReader.Read(gate.Data, gate.Columns, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => EvaluateRunner.Run(gate, null, null, cancelled.Token));
    }

    [Fact]
    public void Without_cancellation_both_run_to_the_end()
    {
        var config = Load();

        var run = new GateRunner().Run(config);

        Assert.Equal(2, run.Gates.Count);
        Assert.Equal(Rows, run.Gates[1].Evaluation!.Rows);
        Drift.DriftSampleReader.Read(config.Gates.OfType<DriftGate>().Single().Current, null, new HashSet<string>(), out _, out var rows, CancellationToken.None);
        Assert.Equal(Rows, rows);
    }
}
