using Microsoft.ML;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>The evaluate gate over real ML.NET and ONNX models trained in the test, against ML.NET's own evaluators.</summary>
public sealed class EvaluateModelTests(EvaluationModelsFixture models) : IClassFixture<EvaluationModelsFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GateResult Run(string gate)
    {
        var config = _dir.Write("mlops-gates.yml", "allow_outside: true # the fixtures are beside the test binaries\ngates:\n" + gate);
        return new GateRunner().Run(GatesConfigLoader.Load(config)).Gates.Single();
    }

    private static CheckResult Check(GateResult gate, string id) => gate.Checks.Single(c => c.Id == id);

    [Fact]
    public void A_binary_model_scores_the_data_and_its_metrics_equal_mlnets_evaluator()
    {
        var gate = Run($"""
              - name: churn
                type: evaluate
                model: {models.Good}
                data: {models.Holdout}
                label: Churned
                metrics:
                  accuracy: 0.6
                  roc_auc: {"{"} threshold: 0.7 {"}"}
            """);

        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(models.Good, out _);
        var expected = ml.BinaryClassification.Evaluate(model.Transform(TrainedModels.Load(ml, models.Holdout)), labelColumnName: "Churned");
        Assert.Equal(GateStatus.Passed, gate.Status);
        Assert.Equal("binary", gate.Evaluation!.Task);
        Assert.Equal(1200, gate.Evaluation.Rows);
        Assert.Equal(expected.Accuracy, gate.Metrics["accuracy"], 12);
        Assert.Equal(expected.PositivePrecision, gate.Metrics["precision"], 12);
        Assert.Equal(expected.PositiveRecall, gate.Metrics["recall"], 12);
        Assert.Equal(expected.F1Score, gate.Metrics["f1"], 12);
        Assert.Equal(expected.AreaUnderRocCurve, gate.Metrics["roc_auc"], 6);
        Assert.Equal(expected.ConfusionMatrix.Counts[0][0], gate.Evaluation.Confusion![1][1]);
        Assert.NotEmpty(gate.Evaluation.Roc);
        Assert.Equal(64, gate.Evidence["candidate_sha256"].Length);
    }

    [Fact]
    public void A_worse_model_fails_against_the_better_one_as_baseline_and_every_failing_rule_is_reported()
    {
        var gate = Run($"""
              - name: churn
                type: evaluate
                model: {models.Weak}
                data: {models.Holdout}
                label: Churned
                baseline: {models.Good}
                metrics:
                  accuracy: {"{"} min_absolute_change: 0 {"}"}
                  roc_auc: {"{"} threshold: 0.3, non_inferiority_margin: 0.02 {"}"}
                  f1: {"{"} min_relative_change: -0.5 {"}"}
            """);

        Assert.Equal(GateStatus.Failed, gate.Status);
        var accuracy = Check(gate, "accuracy");
        Assert.Equal(ErrorCodes.MetricChange, accuracy.Code);
        Assert.Equal(ErrorCodes.NonInferiority, Check(gate, "roc_auc").Code);
        Assert.Contains("may be worse than the baseline", Check(gate, "roc_auc").Message, StringComparison.Ordinal);
        var row = gate.Evaluation!.Metrics.Single(m => m.Name == "accuracy");
        Assert.True(row.Delta < 0);
        Assert.True(row.IntervalHigh < 0, $"the interval [{row.IntervalLow}, {row.IntervalHigh}] should lie below 0");
        Assert.InRange(row.Delta!.Value, row.IntervalLow!.Value, row.IntervalHigh!.Value);
        Assert.True(gate.Evaluation.McNemar!.PValue < 1e-6);
        Assert.True(gate.Evaluation.McNemar.OnlyBaseline > gate.Evaluation.McNemar.OnlyCandidate);
        Assert.Equal(1000, gate.Evaluation.Resamples);
        Assert.NotEmpty(gate.Evaluation.BaselineRoc);
    }

    [Fact]
    public void A_better_model_passes_against_the_worse_one_and_its_improvement_is_significant()
    {
        var gate = Run($"""
              - name: churn
                type: evaluate
                model: {models.Good}
                data: {models.Holdout}
                label: Churned
                baseline: {models.Weak}
                require_significant: 0.05
                metrics:
                  accuracy: {"{"} min_absolute_change: 0.01 {"}"}
                  roc_auc: {"{"} min_relative_change: 0.01 {"}"}
            """);

        Assert.Equal(GateStatus.Passed, gate.Status);
        Assert.All(gate.Checks, c => Assert.Equal(0.05, c.Parameters["require_significant"]));
    }

    [Fact]
    public void An_improvement_that_chance_explains_does_not_count_when_significance_is_required()
    {
        // The same model as its own baseline: no row differs, McNemar's p is 1 and every interval is [0, 0].
        var gate = Run($"""
              - name: churn
                type: evaluate
                model: {models.Good}
                data: {models.Holdout}
                label: Churned
                baseline: {models.Good}
                metrics:
                  accuracy: {"{"} min_absolute_change: 0, require_significant: 0.05 {"}"}
                  f1: {"{"} min_absolute_change: 0, require_significant: 0.05 {"}"}
            """);

        Assert.Equal(GateStatus.Failed, gate.Status);
        Assert.Equal(ErrorCodes.NotSignificant, Check(gate, "accuracy").Code);
        Assert.Contains("McNemar p = 1", Check(gate, "accuracy").Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.NotSignificant, Check(gate, "f1").Code);
    }

    [Fact]
    public void The_first_run_without_a_baseline_value_is_a_rubber_stamp_unless_told_to_fail()
    {
        string Gate(string extra) => $"""
              - name: churn
                type: evaluate
                predictions: {WriteBaselineless()}
                label: Churned
                {extra}
                metrics:
                  accuracy: {"{"} threshold: 0.5, min_absolute_change: 0.01 {"}"}
            """;

        var stamp = Run(Gate(""));
        var strict = Run(Gate("on_missing_baseline: fail"));

        Assert.Equal(GateStatus.Warning, stamp.Status);
        Assert.Equal(ErrorCodes.MissingBaseline, Check(stamp, "accuracy").Code);
        Assert.Contains("rubber stamp", Check(stamp, "accuracy").Message, StringComparison.Ordinal);
        Assert.Equal(GateStatus.Failed, strict.Status);
    }

    private string WriteBaselineless() => _dir.Write("preds.csv", "Churned,predicted\ntrue,true\nfalse,false\ntrue,false\nfalse,false\n");

    [Fact]
    public void A_multiclass_model_takes_its_classes_from_the_model_and_equals_mlnets_evaluator()
    {
        var gate = Run($"""
              - name: tiers
                type: evaluate
                model: {models.Tiers}
                data: {models.Holdout}
                label: Tier
                metrics:
                  accuracy: 0.5
                  macro_f1: 0.3
            """);

        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(models.Tiers, out _);
        var scored = model.Transform(ml.Transforms.Conversion.MapValueToKey("Label", "Tier").Fit(TrainedModels.Load(ml, models.Train)).Transform(TrainedModels.Load(ml, models.Holdout)));
        var expected = ml.MulticlassClassification.Evaluate(scored);
        Assert.Equal("multiclass", gate.Evaluation!.Task);
        Assert.Equal(3, gate.Evaluation.Classes.Count);
        Assert.Contains("gold", gate.Evaluation.Classes);
        Assert.Equal(expected.MicroAccuracy, gate.Metrics["micro_accuracy"], 12);
        Assert.Equal(expected.MacroAccuracy, gate.Metrics["macro_accuracy"], 12);
        Assert.Equal(GateStatus.Passed, gate.Status);
        Assert.Equal(3, gate.Evaluation.Confusion!.Count);
        Assert.Equal(1200, gate.Evaluation.Confusion.Sum(r => r.Sum()));
    }

    [Fact]
    public void A_regression_model_is_recognized_from_its_outputs_and_equals_mlnets_evaluator()
    {
        var gate = Run($"""
              - name: spend
                type: evaluate
                model: {models.Spend}
                data: {models.Holdout}
                label: Spend
                metrics:
                  rmse: 1000
                  r2_score: 0.5
            """);

        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(models.Spend, out _);
        var expected = ml.Regression.Evaluate(model.Transform(TrainedModels.Load(ml, models.Holdout)), labelColumnName: "Spend");
        Assert.Equal("regression", gate.Evaluation!.Task);
        Assert.Equal(expected.RootMeanSquaredError, gate.Metrics["rmse"], 4);
        Assert.Equal(expected.MeanAbsoluteError, gate.Metrics["mae"], 4);
        Assert.Equal(expected.RSquared, gate.Metrics["r2"], 6);
        Assert.Equal(GateStatus.Passed, gate.Status);
    }

    [Fact]
    public void An_onnx_model_exported_from_the_same_pipeline_gives_the_same_verdict_and_metrics()
    {
        string Gate(string model) => $"""
              - name: churn
                type: evaluate
                model: {model}
                data: {models.Holdout}
                label: Churned
                metrics:
                  accuracy: 0.6
            """;

        var zip = Run(Gate(models.NumericZip));
        var onnx = Run(Gate(models.NumericOnnx));

        Assert.Equal(GateStatus.Passed, onnx.Status);
        Assert.Equal("binary", onnx.Evaluation!.Task);
        Assert.Equal(zip.Metrics["accuracy"], onnx.Metrics["accuracy"], 3);
        Assert.Equal(zip.Metrics["roc_auc"], onnx.Metrics["roc_auc"], 3);
        Assert.True(onnx.Metrics.ContainsKey("log_loss"));
    }

    [Fact]
    public void Slices_are_judged_by_their_own_thresholds_and_the_worst_comes_first()
    {
        var gate = Run($"""
              - name: churn
                type: evaluate
                model: {models.Good}
                data: {models.Holdout}
                label: Churned
                metrics:
                  accuracy: 0.5
                slices:
                  - columns: [Segment]
                    min_slice_size: 50
                    metrics:
                      accuracy: 0.7
                  - columns: [Segment, Plan]
                    min_slice_size: 1000
                    metrics:
                      accuracy: 0.99
            """);

        var slices = gate.Evaluation!.Slices;
        Assert.Equal("Segment=online", slices[0].Name);
        Assert.Equal("failed", slices[0].Verdict);
        Assert.All(slices.Where(s => s.Name.Contains("Plan", StringComparison.Ordinal)), s => Assert.True(s.TooSmall));
        Assert.Equal(9, slices.Count(s => s.Name.Contains("Plan", StringComparison.Ordinal)));
        var failed = gate.Checks.Single(c => c.Kind == "slice_metric" && !c.Success);
        Assert.Equal("Segment=online: accuracy", failed.Id);
        Assert.Equal(ErrorCodes.SliceMetric, failed.Code);
        Assert.Equal(GateStatus.Failed, gate.Status);
        Assert.Equal(1200, slices.Where(s => !s.Name.Contains("Plan", StringComparison.Ordinal)).Sum(s => s.Rows));
    }

    [Fact]
    public async Task A_model_scores_a_parquet_dataset_as_it_scores_the_csv()
    {
        var parquet = await ParquetFiles.FromCsvAsync(models.Holdout, Path.Combine(_dir.Path, "holdout.parquet"));
        string Gate(string data) => $"""
              - name: churn
                type: evaluate
                model: {models.Good}
                data: {data}
                label: Churned
                metrics:
                  accuracy: 0.6
            """;

        var csv = Run(Gate(models.Holdout));
        var fromParquet = Run(Gate(parquet));

        Assert.Equal(csv.Metrics["accuracy"], fromParquet.Metrics["accuracy"]);
        Assert.Equal(csv.Metrics["roc_auc"], fromParquet.Metrics["roc_auc"], 9);
    }

    [Fact]
    public void A_registry_alias_is_the_baseline_and_an_alias_not_set_yet_is_a_first_run()
    {
        var root = Path.Combine(_dir.Path, "registry");
        string Gate() => $"""
              - name: churn
                type: evaluate
                model: {models.Weak}
                data: {models.Holdout}
                label: Churned
                baseline: registry:churn@production
                metrics:
                  accuracy: {"{"} min_absolute_change: 0 {"}"}
            registry:
              path: {root}
            """;

        var first = Run(Gate());
        var registry = new Registry.LocalRegistry(root);
        var version = registry.Register("churn", new Registry.VersionDraft { ArtifactPath = models.Good }, new Registry.ChangeInfo("t", null, null));
        registry.SetAlias("churn", "production", version.Version, new Registry.ChangeInfo("t", null, null));
        var second = Run(Gate());

        Assert.Equal(GateStatus.Warning, first.Status);
        Assert.Equal(ErrorCodes.MissingBaseline, Check(first, "accuracy").Code);
        Assert.Equal("registry:churn@production (no version yet)", first.Evidence["baseline"]);
        Assert.Equal(GateStatus.Failed, second.Status);
        Assert.Equal(ErrorCodes.MetricChange, Check(second, "accuracy").Code);
        Assert.Equal("registry:churn@production (version 1)", second.Evaluation!.Baseline);
    }

    [Fact]
    public void A_drift_gate_tests_the_predictions_of_an_onnx_model_too()
    {
        var gate = Run($"""
              - name: drift
                type: drift
                reference: {models.Train}
                current: {models.Holdout}
                columns: [Tenure, Charges]
                model: {models.NumericOnnx}
            """);

        Assert.Contains(gate.Checks, c => c.Id == "prediction.PredictedLabel" && (string)c.Parameters["role"]! == "prediction");
        Assert.Contains(gate.Checks, c => c.Id == "prediction.Probability");
        Assert.True(gate.Checks.Single(c => c.Id == "prediction.Probability").Success);
    }

    [Fact]
    public void Named_inputs_and_outputs_map_an_onnx_model_onto_data_with_other_column_names()
    {
        var lines = File.ReadAllLines(models.Holdout);
        lines[0] = lines[0].Replace("Tenure,Charges,Calls", "tenure_months,monthly_charges,support_calls", StringComparison.Ordinal);
        var renamed = _dir.Write("renamed.csv", string.Join('\n', lines) + "\n");
        var direct = Run($"""
              - name: churn
                type: evaluate
                model: {models.NumericOnnx}
                data: {models.Holdout}
                label: Churned
                metrics: {"{"} accuracy: 0.6 {"}"}
            """);

        var mapped = Run($"""
              - name: churn
                type: evaluate
                model: {models.NumericOnnx}
                data: {renamed}
                label: Churned
                inputs:
                  Tenure: tenure_months
                  Charges: monthly_charges
                  Calls: support_calls
                outputs:
                  predicted: PredictedLabel.output
                  probability: Probability.output
                metrics: {"{"} accuracy: 0.6 {"}"}
            """);
        var unmapped = Assert.Throws<GatesInputException>(() => Run($"""
              - name: churn
                type: evaluate
                model: {models.NumericOnnx}
                data: {renamed}
                label: Churned
                metrics: {"{"} accuracy: 0.6 {"}"}
            """));

        Assert.Equal(direct.Metrics["accuracy"], mapped.Metrics["accuracy"]);
        Assert.Equal(direct.Metrics["roc_auc"], mapped.Metrics["roc_auc"]);
        Assert.Equal(ErrorCodes.SchemaMismatch, unmapped.Errors[0].Code);
        Assert.Contains("the input 'Tenure'", unmapped.Message, StringComparison.Ordinal);
    }
}
