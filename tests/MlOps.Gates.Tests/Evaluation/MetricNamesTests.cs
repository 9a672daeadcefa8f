using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Metric names as ML.NET, MLflow, scikit-learn and TFX write them find the metric this tool computes.</summary>
public sealed class MetricNamesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("AreaUnderRocCurve", "roc_auc")]
    [InlineData("Accuracy", "accuracy")]
    [InlineData("F1Score", "f1")]
    [InlineData("PositivePrecision", "precision")]
    [InlineData("PositiveRecall", "recall")]
    [InlineData("LogLoss", "log_loss")]
    [InlineData("AreaUnderPrecisionRecallCurve", "average_precision")]
    [InlineData("MicroAccuracy", "micro_accuracy")]
    [InlineData("MacroAccuracy", "macro_accuracy")]
    [InlineData("RootMeanSquaredError", "rmse")]
    [InlineData("MeanSquaredError", "mse")]
    [InlineData("MeanAbsoluteError", "mae")]
    [InlineData("RSquared", "r2")]
    [InlineData("precision_recall_auc", "average_precision")]
    [InlineData("roc_auc", "roc_auc")]
    [InlineData("balanced_accuracy_score", "macro_accuracy")]
    [InlineData("f1_macro", "macro_f1")]
    [InlineData("f1_weighted", "weighted_f1")]
    [InlineData("accuracy_score", "accuracy")]
    [InlineData("mean_squared_error", "mse")]
    [InlineData("r2_score", "r2")]
    [InlineData("ROC-AUC", "roc_auc")]
    [InlineData("logloss", "log_loss")]
    public void Each_vocabulary_finds_the_metric(string name, string metric)
    {
        Assert.Equal(metric, MetricNames.Find(name));
    }

    [Fact]
    public void A_name_no_tool_uses_finds_nothing()
    {
        Assert.Null(MetricNames.Find("lift_at_10"));
    }

    [Fact]
    public void A_threshold_in_mlnet_names_is_judged_on_the_metric()
    {
        _dir.Write("p.csv", "label,score\n1,0.9\n1,0.8\n0,0.3\n0,0.6\n1,0.4\n0,0.1\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: m\n    type: evaluate\n    predictions: p.csv\n    label: label\n    metrics:\n      AreaUnderRocCurve: 0.99\n      PositivePrecision: 0.5\n");

        var gate = new GateRunner().Run(GatesConfigLoader.Load(config)).Gates[0];

        var roc = gate.Checks.Single(c => c.Id == "roc_auc");
        Assert.False(roc.Success);
        Assert.Equal(8.0 / 9.0, (double)roc.ObservedValue!, 12);
        Assert.True(gate.Checks.Single(c => c.Id == "precision").Success);
    }

    [Fact]
    public void Two_names_for_one_metric_are_a_positioned_duplicate()
    {
        _dir.Write("p.csv", "label,score\n1,0.9\n0,0.1\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: m\n    type: evaluate\n    predictions: p.csv\n    label: label\n    metrics:\n      accuracy: 0.5\n      Accuracy: 0.6\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(config));

        var finding = Assert.Single(error.Errors);
        Assert.Equal("MLG1008", finding.Code);
        Assert.Equal(8, finding.Location!.Line);
        Assert.Contains("'Accuracy' and 'accuracy' name the same metric", finding.Message, StringComparison.Ordinal);
    }
}
