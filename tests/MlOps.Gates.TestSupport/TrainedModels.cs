using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Gates.Tests;

/// <summary>Synthetic customer data and real ML.NET models trained on it, written as files for evaluate gates.</summary>
public static class TrainedModels
{
    public sealed class Customer
    {
        [LoadColumn(0)] public float Tenure { get; set; }

        [LoadColumn(1)] public float Charges { get; set; }

        [LoadColumn(2)] public float Calls { get; set; }

        [LoadColumn(3)] public string Plan { get; set; } = "";

        [LoadColumn(4)] public bool Churned { get; set; }

        [LoadColumn(5)] public string Segment { get; set; } = "";

        [LoadColumn(6)] public float Spend { get; set; }

        [LoadColumn(7)] public string Tier { get; set; } = "";
    }

    public const string Header = "Tenure,Charges,Calls,Plan,Churned,Segment,Spend,Tier";

    /// <summary>
    /// Rows where churn follows tenure and support calls, spend follows charges and tenure, and the tier follows spend,
    /// so a model on all features beats one on charges alone. Segment "online" is noisier than the others.
    /// </summary>
    public static string Write(TempDir dir, string name, int rows, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>(rows + 1) { Header };
        string[] segments = ["north", "south", "online"];
        for (var i = 0; i < rows; i++)
        {
            var tenure = (float)(random.NextDouble() * 60);
            var charges = (float)(20 + (random.NextDouble() * 80));
            var calls = random.Next(0, 8);
            var plan = random.Next(3) switch { 0 => "basic", 1 => "pro", _ => "family" };
            var segment = segments[random.Next(3)];
            var risk = (1.5 - (tenure / 20)) + (calls * 0.5) + (random.NextDouble() * 1.2) - 0.6;
            var churned = segment == "online" ? random.NextDouble() < 0.5 : risk > 0.9;
            var spend = (charges * 2) + (tenure * 0.5) + ((random.NextDouble() - 0.5) * 20);
            var tier = spend < 100 ? "bronze" : spend < 160 ? "silver" : "gold";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{tenure:0.###},{charges:0.##},{calls},{plan},{(churned ? "true" : "false")},{segment},{spend:0.##},{tier}"));
        }

        return dir.Write(name, string.Join('\n', lines) + "\n");
    }

    public static IDataView Load(MLContext ml, string path) => ml.Data.LoadFromTextFile<Customer>(path, hasHeader: true, separatorChar: ',');

    /// <summary>A binary churn model; <paramref name="weak"/> trains on the charges alone, which carry no signal.</summary>
    public static string Binary(TempDir dir, string trainPath, string name, bool weak = false)
    {
        var ml = new MLContext(seed: 1);
        var data = Load(ml, trainPath);
        var features = weak ? new[] { "Charges" } : ["Tenure", "Charges", "Calls", "PlanEncoded"];
        var pipeline = ml.Transforms.Categorical.OneHotEncoding("PlanEncoded", "Plan")
            .Append(ml.Transforms.Concatenate("Features", features))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Churned"));
        return Save(ml, pipeline.Fit(data), data, dir, name);
    }

    public static string Multiclass(TempDir dir, string trainPath, string name)
    {
        var ml = new MLContext(seed: 1);
        var data = Load(ml, trainPath);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Tier")
            .Append(ml.Transforms.Concatenate("Features", "Tenure", "Charges"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return Save(ml, pipeline.Fit(data), data, dir, name);
    }

    public static string Regression(TempDir dir, string trainPath, string name)
    {
        var ml = new MLContext(seed: 1);
        var data = Load(ml, trainPath);
        var pipeline = ml.Transforms.Concatenate("Features", "Tenure", "Charges")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Spend"));
        return Save(ml, pipeline.Fit(data), data, dir, name);
    }

    /// <summary>A binary model on numeric features only, also exported to ONNX, for the ONNX path.</summary>
    public static (string Zip, string Onnx) BinaryWithOnnx(TempDir dir, string trainPath)
    {
        var ml = new MLContext(seed: 1);
        var data = Load(ml, trainPath);
        var pipeline = ml.Transforms.Concatenate("Features", "Tenure", "Charges", "Calls")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Churned"));
        var model = pipeline.Fit(data);
        var zip = Save(ml, model, data, dir, "numeric.zip");
        var onnx = Path.Combine(dir.Path, "numeric.onnx");
        using (var stream = File.Create(onnx))
        {
            ml.Model.ConvertToOnnx(model, data, stream);
        }

        return (zip, onnx);
    }

    private static string Save(MLContext ml, ITransformer model, IDataView data, TempDir dir, string name)
    {
        var path = Path.Combine(dir.Path, name);
        ml.Model.Save(model, data.Schema, path);
        return path;
    }
}
