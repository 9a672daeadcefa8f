using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary>
/// <c>mlops-gates score</c>: one row out per row in, equal to what ML.NET's own Transform and CreateEnumerable give for
/// the same model; the output read back by evaluate; bad inputs with their place, exit 2 and nothing written.
/// </summary>
public sealed class ScoreCommandTests : IClassFixture<EvaluationModelsFixture>, IDisposable
{
    private readonly EvaluationModelsFixture _models;
    private readonly TempDir _dir = new();

    public ScoreCommandTests(EvaluationModelsFixture models) => _models = models;

    public void Dispose() => _dir.Dispose();

    private sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }

    private sealed class TierPrediction
    {
        public string PredictedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];
    }

    private sealed class SpendPrediction
    {
        public float Score { get; set; }
    }

    private static List<string[]> Rows(string csv) => File.ReadAllLines(csv).Select(l => l.Split(',')).ToList();

    [Fact]
    public void A_binary_model_scores_every_row_as_mlnet_does_with_the_kept_columns_beside()
    {
        var output = Path.Combine(_dir.Path, "out", "scored.csv");

        var (exit, stdout, stderr) = Cli.Run("score", "--model", _models.Good, "--data", _models.Holdout, "-o", output, "--keep", "Segment", "--keep", "Churned");

        Assert.True(exit == 0, stdout + stderr);
        var ml = new MLContext(seed: 0);
        var expected = ml.Data.CreateEnumerable<BinaryPrediction>(ml.Model.Load(_models.Good, out _).Transform(TrainedModels.Load(ml, _models.Holdout)), reuseRowObject: false).ToList();
        var input = Rows(_models.Holdout);
        var rows = Rows(output);
        Assert.Equal(["Segment", "Churned", "predicted", "probability", "score"], rows[0]);
        Assert.Equal(input.Count, rows.Count);
        Assert.Equal(1200, expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows[i + 1];
            Assert.Equal(input[i + 1][5], row[0]);
            Assert.Equal(input[i + 1][4], row[1]);
            Assert.Equal(expected[i].PredictedLabel ? "true" : "false", row[2]);
            Assert.Equal(expected[i].Probability, float.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Score, float.Parse(row[4], CultureInfo.InvariantCulture));
        }

        Assert.Contains("scored 1200 rows", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiclass_and_regression_models_write_what_mlnet_predicts()
    {
        var tiers = Path.Combine(_dir.Path, "tiers.csv");
        var spend = Path.Combine(_dir.Path, "spend.tsv");

        Assert.Equal(0, Cli.Run("score", "-m", _models.Tiers, "-d", _models.Holdout, "-o", tiers).Exit);
        Assert.Equal(0, Cli.Run("score", "-m", _models.Spend, "-d", _models.Holdout, "-o", spend).Exit);

        var ml = new MLContext(seed: 0);
        var tierModel = ml.Model.Load(_models.Tiers, out _);
        var expectedTiers = ml.Data.CreateEnumerable<TierPrediction>(tierModel.Transform(TrainedModels.Load(ml, _models.Holdout)), reuseRowObject: false).ToList();
        var tierRows = Rows(tiers);
        Assert.Equal("predicted", tierRows[0][0]);
        Assert.Equal(4, tierRows[0].Length);
        Assert.All(tierRows[0][1..], c => Assert.StartsWith("probability_", c, StringComparison.Ordinal));
        Assert.Equal(expectedTiers.Count + 1, tierRows.Count);
        for (var i = 0; i < expectedTiers.Count; i++)
        {
            Assert.Equal(expectedTiers[i].PredictedLabel, tierRows[i + 1][0]);
            var named = tierRows[0][1..].Select(c => c["probability_".Length..]).ToList();
            var best = named[Enumerable.Range(0, 3).MaxBy(c => float.Parse(tierRows[i + 1][c + 1], CultureInfo.InvariantCulture))];
            Assert.Equal(expectedTiers[i].PredictedLabel, best);
            Assert.Equal(expectedTiers[i].Score.Order(), tierRows[i + 1][1..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).Order());
        }

        var expectedSpend = ml.Data.CreateEnumerable<SpendPrediction>(ml.Model.Load(_models.Spend, out _).Transform(TrainedModels.Load(ml, _models.Holdout)), reuseRowObject: false).ToList();
        var spendRows = File.ReadAllLines(spend).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["predicted"], spendRows[0]);
        Assert.Equal(expectedSpend.Select(p => p.Score), spendRows.Skip(1).Select(r => float.Parse(r[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Parquet_output_holds_what_csv_output_holds_and_feeds_evaluate()
    {
        var csv = Path.Combine(_dir.Path, "scored.csv");
        var parquet = Path.Combine(_dir.Path, "scored.parquet");
        Assert.Equal(0, Cli.Run("score", "-m", _models.Good, "-d", _models.Holdout, "-o", csv, "--keep", "Churned", "--keep", "Segment").Exit);
        Assert.Equal(0, Cli.Run("score", "-m", _models.Good, "-d", _models.Holdout, "-o", parquet, "--keep", "Churned", "--keep", "Segment").Exit);

        using var reader = TableReaders.Open(new DatasetOptions { Name = "p", Path = parquet, DisplayPath = "scored.parquet", Format = DataFormat.Parquet });
        Assert.Equal(["Churned", "Segment", "predicted", "probability", "score"], reader.Columns);
        var batch = reader.CreateBatch(Enumerable.Range(0, 5));
        var csvRows = Rows(csv).Skip(1).ToList();
        var n = 0;
        while (reader.ReadBatch(batch))
        {
            for (var i = 0; i < batch.Count; i++, n++)
            {
                Assert.Equal(csvRows[n][0], batch.TextAt(i, 0).ToString());
                Assert.Equal(csvRows[n][2], batch.TextAt(i, 2).ToString());
                Assert.Equal(float.Parse(csvRows[n][3], CultureInfo.InvariantCulture), (float)batch.Numbers(3).Values[i]);
            }
        }

        Assert.Equal(1200, n);

        // The scored file is a predictions file: evaluate finds predicted and probability by name, and agrees with
        // evaluating the model itself on the same data.
        var reports = Path.Combine(_dir.Path, "reports");
        var fromFile = Cli.Run("evaluate", "--predictions", parquet, "--label", "Churned", "--metric", "accuracy=0.5", "--metric", "roc_auc=0.5", "--no-progress", "--report-dir", reports + "1");
        var fromModel = Cli.Run("evaluate", "--model", _models.Good, "--data", _models.Holdout, "--label", "Churned", "--metric", "accuracy=0.5", "--metric", "roc_auc=0.5", "--no-progress", "--report-dir", reports + "2");
        Assert.Equal(0, fromFile.Exit);
        Assert.Equal(Metrics(fromModel.Out), Metrics(fromFile.Out));
    }

    private static string Metrics(string output) => output.Split('\n').Single(l => l.Contains("evaluated", StringComparison.Ordinal)).Split(':', 3)[2];

    [Fact]
    public void An_onnx_model_scores_as_its_mlnet_original()
    {
        var fromZip = Path.Combine(_dir.Path, "zip.csv");
        var fromOnnx = Path.Combine(_dir.Path, "onnx.csv");
        Assert.Equal(0, Cli.Run("score", "-m", _models.NumericZip, "-d", _models.Holdout, "-o", fromZip).Exit);
        var (exit, output, error) = Cli.Run("score", "-m", _models.NumericOnnx, "-d", _models.Holdout, "-o", fromOnnx);

        Assert.True(exit == 0, output + error);
        var zip = Rows(fromZip);
        var onnx = Rows(fromOnnx);
        Assert.Equal(zip.Count, onnx.Count);
        var probability = Array.IndexOf(onnx[0], "probability");
        Assert.True(probability > 0, string.Join(",", onnx[0]));
        for (var i = 1; i < zip.Count; i++)
        {
            Assert.Equal(zip[i][0], onnx[i][0]);
            Assert.Equal(double.Parse(zip[i][1], CultureInfo.InvariantCulture), double.Parse(onnx[i][probability], CultureInfo.InvariantCulture), 1e-5);
        }
    }

    [Fact]
    public void A_bad_row_exits_2_at_its_place_and_leaves_an_earlier_output_untouched()
    {
        var lines = File.ReadAllLines(_models.Holdout).ToList();
        lines[700] = "12.5,40,\"3,basic,true,north,80,bronze";
        var data = _dir.Write("broken.csv", string.Join('\n', lines) + "\n");
        var output = _dir.Write("scored.csv", "precious\n");

        var (exit, stdout, stderr) = Cli.Run("score", "-m", _models.Good, "-d", data, "-o", output, "--keep", "Segment");

        Assert.Equal(2, exit);
        Assert.Contains("broken.csv(701,", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(output));
        Assert.Equal(["broken.csv", "scored.csv"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("missing-model")]
    [InlineData("missing-keep")]
    [InlineData("output-is-data")]
    [InlineData("bad-task")]
    [InlineData("not-a-model")]
    [InlineData("wrong-schema")]
    [InlineData("bad-model-output")]
    public void Bad_inputs_exit_2_with_a_code_and_write_nothing(string problem)
    {
        var output = Path.Combine(_dir.Path, "scored.csv");
        var notAModel = _dir.Write("model.zip", "not a zip");
        var wrong = _dir.Write("wrong.csv", "a,b\n1,2\n");
        string[] args = problem switch
        {
            "missing-model" => ["-m", Path.Combine(_dir.Path, "nope.zip"), "-d", _models.Holdout, "-o", output],
            "missing-keep" => ["-m", _models.Good, "-d", _models.Holdout, "-o", output, "--keep", "Segmnet"],
            "output-is-data" => ["-m", _models.Good, "-d", _models.Holdout, "-o", _models.Holdout],
            "bad-task" => ["-m", _models.Good, "-d", _models.Holdout, "-o", output, "--task", "ranking"],
            "not-a-model" => ["-m", notAModel, "-d", _models.Holdout, "-o", output],
            "wrong-schema" => ["-m", _models.Good, "-d", wrong, "-o", output],
            _ => ["-m", _models.Good, "-d", _models.Holdout, "-o", output, "--model-output", "label=x"],
        };
        var before = File.ReadAllText(_models.Holdout);

        var (exit, stdout, stderr) = Cli.Run(["score", .. args]);

        Assert.True(exit == 2, stdout + stderr);
        Assert.Matches(@"error MLG\d{4}: ", stdout + stderr);
        Assert.DoesNotContain("MLG9001", stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(before, File.ReadAllText(_models.Holdout));
        if (problem == "missing-keep")
        {
            Assert.Contains("did you mean 'Segment'", stdout + stderr, StringComparison.Ordinal);
        }
    }
}
