using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Prediction drift with a real ML.NET model trained in the test.</summary>
public sealed class PredictionDriftTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public sealed class Row
    {
        [LoadColumn(0)] public float Tenure { get; set; }

        [LoadColumn(1)] public float Charges { get; set; }

        [LoadColumn(2)] public string Plan { get; set; } = "";

        [LoadColumn(3)] public bool Label { get; set; }
    }

    private string WriteData(string name, int rows, float shift, int seed, bool withLabel = true)
    {
        var random = new Random(seed);
        var lines = new List<string> { withLabel ? "Tenure,Charges,Plan,Label" : "Tenure,Charges,Plan" };
        for (var i = 0; i < rows; i++)
        {
            var tenure = (float)(random.NextDouble() * 60) + shift;
            var charges = (float)(20 + (random.NextDouble() * 80));
            var plan = random.Next(3) switch { 0 => "basic", 1 => "pro", _ => "family" };
            var label = tenure < 20 && random.NextDouble() < 0.8;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{tenure:0.###},{charges:0.##},{plan}") + (withLabel ? (label ? ",true" : ",false") : string.Empty));
        }

        return _dir.Write(name, string.Join('\n', lines) + "\n");
    }

    private string TrainModel(string trainPath)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<Row>(trainPath, hasHeader: true, separatorChar: ',');
        var pipeline = ml.Transforms.Categorical.OneHotEncoding("PlanEncoded", "Plan")
            .Append(ml.Transforms.Concatenate("Features", "Tenure", "Charges", "PlanEncoded"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.Fit(data);
        var path = Path.Combine(_dir.Path, "model.zip");
        ml.Model.Save(model, data.Schema, path);
        return path;
    }

    private static DatasetOptions Data(string path) => new() { Name = Path.GetFileNameWithoutExtension(path), Path = path, DisplayPath = Path.GetFileName(path) };

    [Fact]
    public void A_model_scores_both_datasets_and_its_predictions_are_tested_for_drift()
    {
        var train = WriteData("train.csv", 1500, 0, seed: 1);
        var model = TrainModel(train);
        var shifted = WriteData("current.csv", 1500, 25, seed: 2, withLabel: false);

        var result = new GateRunner().Run(new GatesConfig
        {
            BaseDirectory = _dir.Path,
            Gates = [new DriftGate { Name = "d", Reference = Data(train), Current = Data(shifted), Model = model, ModelDisplayPath = "model.zip", Columns = ["Tenure", "Charges", "Plan"] }],
        }).Gates[0];

        var score = result.Checks.Single(c => c.Id == "prediction.Score");
        var probability = result.Checks.Single(c => c.Id == "prediction.Probability");
        var predicted = result.Checks.Single(c => c.Id == "prediction.PredictedLabel");
        Assert.Equal("prediction", score.Parameters["role"]);
        Assert.False(score.Success, score.Message);
        Assert.False(probability.Success, probability.Message);
        Assert.Equal("binary", predicted.Parameters["column_type"]);
        Assert.True(result.Checks.Single(c => c.Id == "Charges").Success);

        var same = new GateRunner().Run(new GatesConfig
        {
            BaseDirectory = _dir.Path,
            Gates = [new DriftGate { Name = "d", Reference = Data(train), Current = Data(WriteData("same.csv", 1500, 0, seed: 3)), Model = model, Columns = ["Tenure"] }],
        }).Gates[0];
        Assert.True(same.Checks.Single(c => c.Id == "prediction.Score").Success);
    }

    [Fact]
    public void A_corrupt_model_and_a_schema_that_does_not_fit_are_input_errors()
    {
        var train = WriteData("train.csv", 200, 0, seed: 1);
        var corrupt = _dir.Write("corrupt.zip", "PK this is not a model");
        var gate = new DriftGate { Name = "d", Reference = Data(train), Current = Data(train), Model = corrupt, ModelDisplayPath = "corrupt.zip" };

        var error = Assert.Throws<GatesInputException>(() => new GateRunner().Run(new GatesConfig { BaseDirectory = _dir.Path, Gates = [gate] }));
        Assert.Equal("MLG3013", error.Errors[0].Code);

        var model = TrainModel(train);
        var other = _dir.Write("other.csv", "Tenure,Plan\n1,basic\n2,pro\n");
        var mismatch = new DriftGate { Name = "d", Reference = Data(other), Current = Data(other), Model = model, ModelDisplayPath = "model.zip" };
        var schemaError = Assert.Throws<GatesInputException>(() => new GateRunner().Run(new GatesConfig { BaseDirectory = _dir.Path, Gates = [mismatch] }));
        Assert.Equal("MLG3014", schemaError.Errors[0].Code);
        Assert.Contains("Charges", schemaError.Errors[0].Message, StringComparison.Ordinal);
    }
}
