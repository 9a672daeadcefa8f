using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Kinds;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates evaluate</c>: one model or predictions file against thresholds and a baseline, no gates file needed.</summary>
internal static class EvaluateCommand
{
    public static Command Create(GatesApp app)
    {
        var model = new Option<string?>("--model", "-m") { Description = "The candidate model: an ML.NET model (.zip) or an ONNX model (.onnx), scored on --data." };
        var predictions = new Option<string?>("--predictions", "-p") { Description = "A file of labels and predictions (CSV, TSV or Parquet), from a model of any framework." };
        var data = new Option<string?>("--data", "-d") { Description = "The labelled data the model scores (CSV, TSV or Parquet)." };
        var label = new Option<string?>("--label", "-l") { Description = "The label column (required, except for a shadow comparison)." };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: from the model's outputs, or inferred from the labels)." };
        var baseline = new Option<string?>("--baseline", "-b") { Description = "What the candidate is compared with: a model file scored on the same data, or a predictions file of the same rows." };
        var positive = new Option<string?>("--positive-class") { Description = "Binary: the label value of the positive class (default: 1, true or yes)." };
        var predicted = new Option<string?>("--predicted") { Description = "Predictions file: the predicted label's column (default: predicted, if present)." };
        var score = new Option<string?>("--score") { Description = "Predictions file: a score column that ranks rows (a probability when every value is in [0, 1])." };
        var probability = new Option<string?>("--probability") { Description = "Predictions file: the positive class's probability column (values must be in [0, 1])." };
        var slices = new Option<string[]>("--slice") { Description = "A column to slice by; COL1,COL2 slices by both; repeat for several slicings.", AllowMultipleArgumentsPerToken = false };
        var minSliceSize = new Option<int>("--min-slice-size") { Description = "Slices with fewer rows are reported but not judged (default 1).", DefaultValueFactory = _ => 1 }.Within(1, int.MaxValue);
        var metrics = new Option<string[]>("--metric") { Description = "A bar as METRIC=THRESHOLD (accuracy=0.8, log_loss=0.4: the direction comes from the metric); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var absolute = new Option<string[]>("--min-absolute-change") { Description = "METRIC=X: the candidate must beat the baseline by at least X.", AllowMultipleArgumentsPerToken = false };
        var relative = new Option<string[]>("--min-relative-change") { Description = "METRIC=X: the candidate must beat the baseline by at least X as a share of the baseline's magnitude.", AllowMultipleArgumentsPerToken = false };
        var significant = new Option<double?>("--require-significant") { Description = "An improvement the change rules ask for must be significant at this level (0.05, say)." }.Within(0, 1, openMin: true, openMax: true);
        var margin = new Option<double?>("--non-inferiority-margin") { Description = "Every metric named must be, with the interval's confidence, no worse than the baseline by more than this." }.Within(0, double.MaxValue);
        var onMissing = new Option<string>("--on-missing-baseline") { Description = "warn (default: rules against a baseline pass with a warning, TFX's rubber stamp) or fail.", DefaultValueFactory = _ => "warn" };
        var resamples = new Option<int>("--resamples") { Description = "Paired bootstrap resamples for the intervals (default 1000; 0 turns them off).", DefaultValueFactory = _ => 1000 }.Within(0, 100_000);
        var seed = new Option<int>("--seed") { Description = "The bootstrap's seed (default 42).", DefaultValueFactory = _ => 42 };
        var confidence = new Option<double>("--confidence") { Description = "The intervals' confidence (default 0.95).", DefaultValueFactory = _ => 0.95 }.Within(0, 1, openMin: true, openMax: true);
        var inputs = new Option<string[]>("--input") { Description = "A model input fed from differently named data columns: INPUT=COL, or INPUT=COL1,COL2,... for a vector.", AllowMultipleArgumentsPerToken = false };
        var outputs = new Option<string[]>("--output") { Description = "The model output that holds a role: predicted=NAME, score=NAME or probability=NAME.", AllowMultipleArgumentsPerToken = false };
        var compare = new Option<string?>("--compare") { Description = "labelled (default with --label) or shadow: compare the candidate with the baseline on unlabelled data (the default with --baseline and no --label)." };
        var minAgreement = new Option<double?>("--min-agreement") { Description = "Shadow comparison: the least share of rows on which both models predict the same (0.95, say)." }.Within(0, 1);
        var tolerance = new Option<double?>("--agreement-tolerance") { Description = "Shadow comparison of regressions: two values within this of each other agree (default 0)." }.Within(0, double.MaxValue);
        var disagreements = new Option<int?>("--disagreements") { Description = "Shadow comparison: how many of the rows where the models differ most to show, 0 to 1000 (default 10)." };
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command("evaluate", "Evaluate a model or a predictions file against metric thresholds and, optionally, a baseline.")
        {
            model, predictions, data, label, task, baseline, positive, predicted, score, probability, slices, minSliceSize, metrics, absolute, relative,
            significant, margin, onMissing, resamples, seed, confidence, inputs, outputs, compare, minAgreement, tolerance, disagreements, reportDir, failOn, logFormat, noProgress,
        };
        var ci = new CiOptions();
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () =>
                {
                    var metricRules = Rules(parse.GetValue(metrics) ?? [], parse.GetValue(absolute) ?? [], parse.GetValue(relative) ?? []);
                    var columns = new Dictionary<string, object?> { ["predicted"] = parse.GetValue(predicted), ["score"] = parse.GetValue(score), ["probability"] = parse.GetValue(probability) };
                    var gate = new CommandLineGate("evaluate")
                        .Set("model", FullPath(parse.GetValue(model)), "--model")
                        .Set("data", FullPath(parse.GetValue(data)), "--data")
                        .Set("predictions", FullPath(parse.GetValue(predictions)), "--predictions")
                        .Set("label", parse.GetValue(label), "--label")
                        .Set("task", parse.GetValue(task), "--task")
                        .Set("positive_class", parse.GetValue(positive), "--positive-class")
                        .Set("baseline", parse.GetValue(baseline) is { } b && !b.StartsWith("registry:", StringComparison.Ordinal) ? Path.GetFullPath(b) : parse.GetValue(baseline), "--baseline")
                        .Set("columns", columns.Values.Any(v => v is not null) ? columns : null, "--predicted, --score or --probability")
                        .Option("predicted", "--predicted").Option("score", "--score").Option("probability", "--probability")
                        .Set("slices", parse.GetValue(slices) is { Length: > 0 } s ? s.Select(c => new Dictionary<string, object?> { ["columns"] = Split(c), ["min_slice_size"] = parse.GetValue(minSliceSize) }).ToList() : null, "--slice")
                        .Option("min_slice_size", "--min-slice-size")
                        .Set("metrics", metricRules.Count == 0 ? null : metricRules, "--metric")
                        .Option("threshold", "--metric").Option("min_absolute_change", "--min-absolute-change").Option("min_relative_change", "--min-relative-change")
                        .Set("require_significant", parse.GetValue(significant), "--require-significant")
                        .Set("non_inferiority_margin", parse.GetValue(margin), "--non-inferiority-margin")
                        .Set("on_missing_baseline", parse.GetValue(onMissing), "--on-missing-baseline")
                        .Set("bootstrap", new Dictionary<string, object?> { ["resamples"] = parse.GetValue(resamples), ["seed"] = parse.GetValue(seed), ["confidence"] = parse.GetValue(confidence) }, "--resamples")
                        .Option("seed", "--seed").Option("confidence", "--confidence")
                        .Set("inputs", Pairs(parse.GetValue(inputs) ?? [], "--input").ToDictionary(p => p.Key, p => (object?)Split(p.Value), StringComparer.Ordinal) is { Count: > 0 } i ? i : null, "--input")
                        .Set("outputs", Pairs(parse.GetValue(outputs) ?? [], "--output").ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal) is { Count: > 0 } o ? o : null, "--output")
                        .Set("compare", parse.GetValue(compare), "--compare")
                        .Set("min_agreement", parse.GetValue(minAgreement), "--min-agreement")
                        .Set("agreement_tolerance", parse.GetValue(tolerance), "--agreement-tolerance")
                        .Set("disagreements", parse.GetValue(disagreements), "--disagreements");
                    var config = gate.Read(GateKinds.Find("evaluate"), Environment.CurrentDirectory, app.Surroundings);
                    var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? config.Reports.Directory);
                    return RunOutcome.RunAndFinish(app, config, reportDirectory, parse.GetValue(failOn) ?? Severity.Error, format, parse.GetValue(noProgress), ci: ci.Read(parse, app, format));
                },
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }

    /// <summary>Per metric, its rules as a gates file writes them: threshold, min_absolute_change, min_relative_change.</summary>
    private static Dictionary<string, object?> Rules(string[] bars, string[] absolute, string[] relative)
    {
        var byMetric = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Add(string metric, string key, double value)
        {
            if (byMetric.GetValueOrDefault(metric) is not Dictionary<string, object?> rules)
            {
                byMetric[metric] = rules = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            rules[key] = value;
        }

        foreach (var (metric, value) in Numbers(bars, "--metric"))
        {
            Add(metric, "threshold", value);
        }

        foreach (var (metric, value) in Numbers(absolute, "--min-absolute-change"))
        {
            Add(metric, "min_absolute_change", value);
        }

        foreach (var (metric, value) in Numbers(relative, "--min-relative-change"))
        {
            Add(metric, "min_relative_change", value);
        }

        return byMetric;
    }

    private static IEnumerable<(string Metric, double Value)> Numbers(string[] values, string option) =>
        Pairs(values, option).Select(p => (p.Key, OptionBounds.Finite(p.Value, $"{option} {p.Key}={p.Value}")));

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[] values, string option) => CommandLinePairs.Read(values, option);

    private static List<string> Split(string value) => CommandLinePairs.Split(value);

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);
}
