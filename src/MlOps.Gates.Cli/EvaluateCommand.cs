using System.CommandLine;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
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
        var label = new Option<string>("--label", "-l") { Description = "The label column.", Required = true };
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
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command("evaluate", "Evaluate a model or a predictions file against metric thresholds and, optionally, a baseline.")
        {
            model, predictions, data, label, task, baseline, positive, predicted, score, probability, slices, minSliceSize, metrics, absolute, relative,
            significant, margin, onMissing, resamples, seed, confidence, inputs, outputs, reportDir, failOn, logFormat, noProgress,
        };
        var ci = new CiOptions();
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () =>
                {
                    var modelPath = parse.GetValue(model);
                    var predictionsPath = parse.GetValue(predictions);
                    if ((modelPath is null) == (predictionsPath is null))
                    {
                        throw new GatesInputException(ErrorCodes.BadUsage, "give either --model (with --data) or --predictions");
                    }

                    if (modelPath is not null && parse.GetValue(data) is null)
                    {
                        throw new GatesInputException(ErrorCodes.BadUsage, "--model needs --data, the labelled rows it scores");
                    }

                    var failOnMissing = parse.GetValue(onMissing)!.ToLowerInvariant() switch
                    {
                        "warn" => false,
                        "fail" => true,
                        var other => throw new GatesInputException(ErrorCodes.BadUsage, $"--on-missing-baseline must be warn or fail, not '{other}'"),
                    };
                    var alpha = parse.GetValue(significant);
                    if (alpha is <= 0 or >= 1)
                    {
                        throw new GatesInputException(ErrorCodes.BadUsage, "--require-significant must be between 0 and 1");
                    }

                    var level = parse.GetValue(confidence);
                    if (level is <= 0 or >= 1)
                    {
                        throw new GatesInputException(ErrorCodes.BadUsage, "--confidence must be between 0 and 1");
                    }

                    var thresholds = Thresholds(parse.GetValue(metrics) ?? [], parse.GetValue(absolute) ?? [], parse.GetValue(relative) ?? [], alpha, parse.GetValue(margin), failOnMissing);
                    var sliceSpecs = (parse.GetValue(slices) ?? []).Select(s => new SliceSpec(Split(s), Math.Max(1, parse.GetValue(minSliceSize)), [])).ToList();
                    var candidate = modelPath is null ? null : File(modelPath, "--model");
                    var dataset = Dataset(predictionsPath ?? parse.GetValue(data)!, predictionsPath is null ? "--data" : "--predictions");
                    var gate = new EvaluateGate
                    {
                        Name = "evaluate",
                        Model = candidate,
                        Data = dataset,
                        Columns = new EvaluationColumns
                        {
                            Label = parse.GetValue(label)!,
                            Predicted = parse.GetValue(predicted),
                            Score = parse.GetValue(score),
                            Probability = parse.GetValue(probability),
                            PositiveClass = parse.GetValue(positive),
                            Task = parse.GetValue(task) is { } t ? ParseTask(t) : null,
                            Slices = sliceSpecs.SelectMany(s => s.Columns).Distinct(StringComparer.Ordinal).ToList(),
                        },
                        Io = new ModelInputs
                        {
                            Inputs = Pairs(parse.GetValue(inputs) ?? [], "--input").ToDictionary(p => p.Key, p => (IReadOnlyList<string>)Split(p.Value), StringComparer.Ordinal),
                            Outputs = Pairs(parse.GetValue(outputs) ?? [], "--output").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                        },
                        Baseline = parse.GetValue(baseline) is { } b ? File(b, "--baseline") : null,
                        Settings = new EvaluationSettings
                        {
                            Thresholds = thresholds,
                            Resamples = Math.Max(0, parse.GetValue(resamples)),
                            Seed = parse.GetValue(seed),
                            Confidence = level,
                            Slices = sliceSpecs,
                        },
                    };
                    var config = new GatesConfig { BaseDirectory = Environment.CurrentDirectory, Gates = [gate] };
                    var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? config.Reports.Directory);
                    return RunOutcome.RunAndFinish(app, config, reportDirectory, parse.GetValue(failOn) ?? Severity.Error, format, parse.GetValue(noProgress), ci: ci.Read(parse, app, format));
                },
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }

    private static List<MetricThreshold> Thresholds(string[] bars, string[] absolute, string[] relative, double? alpha, double? margin, bool failOnMissing)
    {
        var byMetric = new Dictionary<string, MetricThreshold>(StringComparer.Ordinal);
        MetricThreshold Get(string metric) => byMetric.TryGetValue(metric, out var t) ? t : byMetric[metric] = new MetricThreshold(metric, FailOnMissingBaseline: failOnMissing, NonInferiorityMargin: margin);
        foreach (var (metric, value) in Numbers(bars, "--metric"))
        {
            byMetric[metric] = Get(metric) with { Threshold = value };
        }

        foreach (var (metric, value) in Numbers(absolute, "--min-absolute-change"))
        {
            byMetric[metric] = Get(metric) with { MinAbsoluteChange = value, RequireSignificant = alpha };
        }

        foreach (var (metric, value) in Numbers(relative, "--min-relative-change"))
        {
            byMetric[metric] = Get(metric) with { MinRelativeChange = value, RequireSignificant = alpha };
        }

        return byMetric.Values.ToList();
    }

    private static IEnumerable<(string Metric, double Value)> Numbers(string[] values, string option) =>
        Pairs(values, option).Select(p => (p.Key, OptionBounds.Finite(p.Value, $"{option} {p.Key}={p.Value}")));

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[] values, string option)
    {
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"{option} '{value}' must be NAME=VALUE");
            }

            yield return new(value[..equals].Trim(), value[(equals + 1)..].Trim());
        }
    }

    private static EvaluationTask ParseTask(string text) => text.ToLowerInvariant() switch
    {
        "binary" => EvaluationTask.Binary,
        "multiclass" => EvaluationTask.Multiclass,
        "regression" => EvaluationTask.Regression,
        _ => throw new GatesInputException(ErrorCodes.BadUsage, $"--task must be binary, multiclass or regression, not '{text}'"),
    };

    private static List<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static ModelSource File(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"{option}: file not found: {path}", new SourceLocation(path));
        }

        var extension = Path.GetExtension(full).ToLowerInvariant();
        var kind = extension is ".zip" or ".onnx" ? ModelSourceKind.ModelFile : ModelSourceKind.PredictionsFile;
        if (option == "--model" && kind != ModelSourceKind.ModelFile)
        {
            throw new GatesInputException(ErrorCodes.BadUsage, "--model must be an ML.NET model (.zip) or an ONNX model (.onnx); a file of predictions goes to --predictions");
        }

        return new ModelSource(kind, full, DisplayPaths.Relative(Environment.CurrentDirectory, full));
    }

    private static DatasetOptions Dataset(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full))
        {
            throw Directory.Exists(full)
                ? new GatesInputException(ErrorCodes.DataPathIsDirectory, $"{option}: {path} is a folder, not a data file", new SourceLocation(path))
                : new GatesInputException(ErrorCodes.DataFileNotFound, $"{option}: data file not found: {path}", new SourceLocation(path));
        }

        return DataOptions.FromPath(full);
    }
}
