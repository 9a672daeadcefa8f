namespace MlOps.Gates.Tests;

/// <summary>Real ML.NET models trained once for the evaluate-gate tests, with their training and holdout files.</summary>
public sealed class EvaluationModelsFixture : IDisposable
{
    public EvaluationModelsFixture()
    {
        Train = TrainedModels.Write(Dir, "train.csv", 3000, seed: 1);
        Holdout = TrainedModels.Write(Dir, "holdout.csv", 1200, seed: 2);
        Good = TrainedModels.Binary(Dir, Train, "good.zip");
        Weak = TrainedModels.Binary(Dir, Train, "weak.zip", weak: true);
        Tiers = TrainedModels.Multiclass(Dir, Train, "tiers.zip");
        Spend = TrainedModels.Regression(Dir, Train, "spend.zip");
        (NumericZip, NumericOnnx) = TrainedModels.BinaryWithOnnx(Dir, Train);
    }

    public TempDir Dir { get; } = new();

    public string Train { get; }

    public string Holdout { get; }

    public string Good { get; }

    public string Weak { get; }

    public string Tiers { get; }

    public string Spend { get; }

    public string NumericZip { get; }

    public string NumericOnnx { get; }

    public void Dispose() => Dir.Dispose();
}
