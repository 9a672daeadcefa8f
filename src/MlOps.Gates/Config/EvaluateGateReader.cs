using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Results;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>
/// Reads an <c>evaluate</c> gate: the candidate (model and data, or a predictions file), its columns, the baseline,
/// metric thresholds with MLflow's keys, significance, the bootstrap and slices.
/// </summary>
internal static class EvaluateGateReader
{
    private static readonly Dictionary<string, EvaluationTask> Tasks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binary"] = EvaluationTask.Binary,
        ["binary-classification"] = EvaluationTask.Binary,
        ["classifier"] = EvaluationTask.Binary,
        ["multiclass"] = EvaluationTask.Multiclass,
        ["multiclass-classification"] = EvaluationTask.Multiclass,
        ["regression"] = EvaluationTask.Regression,
        ["regressor"] = EvaluationTask.Regression,
    };

    private static readonly Dictionary<string, bool> Comparisons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["labelled"] = false,
        ["labels"] = false,
        ["shadow"] = true,
    };

    private static readonly Dictionary<string, bool> MissingBaseline = new(StringComparer.OrdinalIgnoreCase)
    {
        ["warn"] = false,
        ["fail"] = true,
    };

    public static EvaluateGate? Read(YamlMap map, string? name, Dictionary<string, DatasetOptions> datasets, string baseDirectory, ConfigDiagnostics diagnostics, string context)
    {
        ModelSource? model = null;
        DatasetOptions? data;
        if (map.Has("model"))
        {
            model = ReadSource(map, "model", baseDirectory, diagnostics, context, allowRegistry: false);
            data = GatesConfigLoader.ReadGateDataset(map, "data", datasets, baseDirectory, diagnostics, context, "dataset");
            if (map.Has("predictions"))
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: give either 'model' (with 'data') or 'predictions', not both", map.Get("predictions")!);
            }
        }
        else if (map.Has("predictions"))
        {
            data = GatesConfigLoader.ReadGateDataset(map, "predictions", datasets, baseDirectory, diagnostics, context);
        }
        else
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: give 'model' (an ML.NET .zip or an .onnx file, with 'data') or 'predictions' (a file of labels and predictions)", map.Node);
            map.Allow(map.Keys.ToArray());
            return null;
        }

        // A shadow comparison (champion and challenger on unlabelled data): asked for, or a candidate model with a
        // baseline and no label named.
        var shadow = map.Choice("compare", Comparisons) ?? (model is not null && map.Has("baseline") && !map.Has("label", "label_column", "targets"));
        var label = shadow ? map.String("label", false, "label_column", "targets") ?? string.Empty : map.String("label", required: true, "label_column", "targets");
        var columnsMap = map.Map("columns");
        var probabilities = new List<KeyValuePair<string, string>>();
        if (columnsMap?.Map("probabilities") is { } perClass)
        {
            foreach (var key in perClass.Keys.ToList())
            {
                if (perClass.String(key) is { } column)
                {
                    probabilities.Add(new(key, column));
                }
            }
        }

        var columns = new EvaluationColumns
        {
            Label = label ?? string.Empty,
            Predicted = columnsMap?.String("predicted", false, "prediction", "predicted_label"),
            Score = columnsMap?.String("score"),
            Probability = columnsMap?.String("probability"),
            Probabilities = probabilities,
            Slices = [],
            PositiveClass = map.String("positive_class", false, "pos_label"),
            Task = map.Choice("task", Tasks, false, "model_type"),
            DecisionThreshold = map.Double("decision_threshold") ?? 0.5,
        };
        columnsMap?.RejectUnknownKeys();

        var io = new ModelInputs
        {
            Inputs = ReadInputs(map, diagnostics, context),
            Outputs = ReadOutputs(map),
            Classes = map.StringList("classes") ?? [],
        };
        if (model is null && (io.Inputs.Count > 0 || io.Outputs.Count > 0))
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'inputs' and 'outputs' map a model's columns; a predictions file names its columns under 'columns'", map.Get("inputs") ?? map.Get("outputs")!);
        }

        var baseline = map.Has("baseline") ? ReadSource(map, "baseline", baseDirectory, diagnostics, context, allowRegistry: true) : null;
        if (baseline is not null && model is null && baseline.Kind == ModelSourceKind.ModelFile)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: a predictions file is compared with another predictions file of the same rows; a model baseline needs 'model' and 'data'", map.Get("baseline")!);
        }

        var failOnMissing = map.Choice("on_missing_baseline", MissingBaseline) ?? false;
        var requireSignificant = Probability(map, "require_significant", diagnostics, context, open: true);
        var margin = NonNegative(map, "non_inferiority_margin", diagnostics, context);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var thresholds = ReadThresholds(map.Map("metrics", false, "thresholds", "validation_thresholds"), failOnMissing, requireSignificant, margin, diagnostics, context, locations);
        var bootstrap = map.Map("bootstrap");
        var settings = new EvaluationSettings
        {
            Thresholds = thresholds,
            Resamples = (int)Math.Clamp(bootstrap?.Long("resamples", false, "n_resamples") ?? 1000, 0, 100_000),
            Confidence = bootstrap is null ? 0.95 : Probability(bootstrap, "confidence", diagnostics, context, open: true) ?? 0.95,
            Seed = (int)(bootstrap?.Long("seed") ?? 42),
            Slices = ReadSlices(map, failOnMissing, diagnostics, context),
        };
        bootstrap?.RejectUnknownKeys();
        var shadowSettings = shadow ? ReadShadow(map, model, baseline, thresholds.Count, settings.Slices.Count, diagnostics, context) : null;
        if (!shadow)
        {
            map.Allow("min_agreement", "agreement_tolerance", "disagreements");
            foreach (var key in new[] { "min_agreement", "agreement_tolerance", "disagreements" })
            {
                if (map.Get(key) is { } node)
                {
                    diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: '{key}' belongs to a shadow comparison (compare: shadow, a baseline and no label)", node);
                }
            }
        }

        if (thresholds.Count == 0 && !shadow)
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: give 'metrics' with at least one threshold, such as accuracy: 0.8", map.Node);
        }

        if (name is null || data is null || label is null)
        {
            return null;
        }

        return new EvaluateGate
        {
            Name = name,
            Model = model,
            Data = data,
            Columns = columns with { Slices = settings.Slices.SelectMany(s => s.Columns).Distinct(StringComparer.Ordinal).ToList() },
            Io = io,
            Baseline = baseline,
            Settings = settings,
            Shadow = shadowSettings,
            ThresholdLocations = locations,
            Location = diagnostics.Declared(map.Node),
        };
    }

    private static ShadowSettings ReadShadow(YamlMap map, ModelSource? model, ModelSource? baseline, int thresholds, int slices, ConfigDiagnostics diagnostics, string context)
    {
        if (model is null || baseline is null || baseline.Kind == ModelSourceKind.PredictionsFile)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: a shadow comparison scores the data with both models: give 'model', 'data' and a model 'baseline' (a file or registry:NAME@ALIAS)", map.Get("compare") ?? map.Node);
        }

        if (thresholds > 0 || slices > 0)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: a shadow comparison has no labels to measure metrics or slices with; judge it with min_agreement", map.Get("metrics", "thresholds", "validation_thresholds") ?? map.Get("slices", "slicing_specs") ?? map.Node);
        }

        var disagreements = map.Long("disagreements") ?? 10;
        if (disagreements is < 0 or > 1000)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'disagreements' is how many rows to show, 0 to 1000", map.Get("disagreements")!);
        }

        return new ShadowSettings
        {
            MinAgreement = Probability(map, "min_agreement", diagnostics, context, open: false),
            Tolerance = NonNegative(map, "agreement_tolerance", diagnostics, context) ?? 0,
            Disagreements = (int)Math.Clamp(disagreements, 0, 1000),
        };
    }

    private static ModelSource? ReadSource(YamlMap map, string key, string baseDirectory, ConfigDiagnostics diagnostics, string context, bool allowRegistry)
    {
        var text = map.String(key);
        var node = map.Get(key)!;
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("registry:", StringComparison.Ordinal))
        {
            var reference = text["registry:".Length..];
            var at = reference.LastIndexOf('@');
            if (!allowRegistry || at <= 0 || at == reference.Length - 1)
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: '{key}' of the registry is written registry:NAME@ALIAS, such as registry:churn@production", node);
                return null;
            }

            return new ModelSource(ModelSourceKind.Registry, reference, text) { Registry = (reference[..at], reference[(at + 1)..]) };
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, text));
        diagnostics.RequireInside(path, $"{context}: {key}", node);
        if (!File.Exists(path))
        {
            diagnostics.Error(ErrorCodes.FileNotFound, $"{context}: {key} '{text}' not found (looked in {path})", node);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var kind = extension is ".zip" or ".onnx" ? ModelSourceKind.ModelFile : ModelSourceKind.PredictionsFile;
        if (key == "model" && kind != ModelSourceKind.ModelFile)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'model' must be an ML.NET model (.zip) or an ONNX model (.onnx); a file of predictions goes under 'predictions'", node);
        }

        return new ModelSource(kind, path, DisplayPaths.Relative(baseDirectory, path));
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadInputs(YamlMap map, ConfigDiagnostics diagnostics, string context)
    {
        var inputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (map.Map("inputs") is not { } inputMap)
        {
            return inputs;
        }

        foreach (var key in inputMap.Keys.ToList())
        {
            if (inputMap.StringList(key) is { Count: > 0 } sources)
            {
                inputs[key] = sources;
            }
        }

        return inputs;
    }

    private static Dictionary<string, string> ReadOutputs(YamlMap map)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("outputs") is not { } outputMap)
        {
            return outputs;
        }

        foreach (var role in new[] { "predicted", "score", "probability" })
        {
            if (outputMap.String(role) is { } name)
            {
                outputs[role] = name;
            }
        }

        outputMap.RejectUnknownKeys();
        return outputs;
    }

    private static List<MetricThreshold> ReadThresholds(YamlMap? metrics, bool failOnMissing, double? requireSignificant, double? margin, ConfigDiagnostics diagnostics, string context, Dictionary<string, SourceLocation>? locations)
    {
        var thresholds = new List<MetricThreshold>();
        if (metrics is null)
        {
            return thresholds;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in metrics.Keys.ToList())
        {
            var node = metrics.Get(metric)!;
            var meant = Evaluation.MetricNames.Find(metric) ?? metric;
            if (!named.TryAdd(meant, metric))
            {
                metrics.Allow(metric);
                diagnostics.Error(ErrorCodes.DuplicateName, $"{context} metrics: '{metric}' and '{named[meant]}' name the same metric ({meant}); keep one", metrics.KeyNode(metric)!);
                continue;
            }

            if (locations is not null && diagnostics.Declared(metrics.KeyNode(metric)!) is { } declared)
            {
                locations[metric] = declared;
            }

            if (node is YamlScalarNode)
            {
                if (metrics.Double(metric) is { } bar)
                {
                    thresholds.Add(new MetricThreshold(metric, Threshold: bar, FailOnMissingBaseline: failOnMissing, NonInferiorityMargin: margin));
                }

                continue;
            }

            var rule = YamlMap.From(node, diagnostics, $"{context} metrics.{metric}");
            if (rule is null)
            {
                continue;
            }

            var threshold = new MetricThreshold(
                metric,
                Threshold: rule.Double("threshold", false, "min", "value"),
                MinAbsoluteChange: rule.Double("min_absolute_change"),
                MinRelativeChange: rule.Double("min_relative_change"),
                GreaterIsBetter: rule.Bool("greater_is_better", "higher_is_better"),
                FailOnMissingBaseline: failOnMissing,
                RequireSignificant: Probability(rule, "require_significant", diagnostics, context, open: true) ?? (rule.Has("min_absolute_change") || rule.Has("min_relative_change") ? requireSignificant : null),
                NonInferiorityMargin: NonNegative(rule, "non_inferiority_margin", diagnostics, context) ?? margin);
            rule.RejectUnknownKeys();
            if (threshold is { Threshold: null, MinAbsoluteChange: null, MinRelativeChange: null, RequireSignificant: null, NonInferiorityMargin: null })
            {
                diagnostics.Error(ErrorCodes.MissingKey, $"{context} metrics.{metric}: give a threshold, min_absolute_change, min_relative_change, require_significant or non_inferiority_margin", node);
            }

            thresholds.Add(threshold);
        }

        return thresholds;
    }

    private static List<SliceSpec> ReadSlices(YamlMap map, bool failOnMissing, ConfigDiagnostics diagnostics, string context)
    {
        var specs = new List<SliceSpec>();
        if (map.Sequence("slices", false, "slicing_specs") is not { } list)
        {
            return specs;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var where = $"{context} slices[{i}]";
            var slice = YamlMap.From(list.Children[i], diagnostics, where);
            if (slice is null)
            {
                continue;
            }

            var columns = slice.StringList("columns", false, "column", "feature_keys") ?? [];
            if (columns.Count == 0)
            {
                diagnostics.Error(ErrorCodes.MissingKey, $"{where}: name the slice 'columns'", list.Children[i]);
            }

            var size = slice.Long("min_slice_size", false, "min_size") ?? 1;
            var thresholds = ReadThresholds(slice.Map("metrics", false, "thresholds"), failOnMissing, null, null, diagnostics, where, null);
            slice.RejectUnknownKeys();
            specs.Add(new SliceSpec(columns, (int)Math.Max(1, size), thresholds));
        }

        return specs;
    }

    private static double? Probability(YamlMap map, string key, ConfigDiagnostics diagnostics, string context, bool open)
    {
        var value = map.Double(key);
        if (value is { } v && (open ? v is <= 0 or >= 1 : v is < 0 or > 1))
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: '{key}' must be between 0 and 1", map.Get(key)!);
            return null;
        }

        return value;
    }

    private static double? NonNegative(YamlMap map, string key, ConfigDiagnostics diagnostics, string context)
    {
        var value = map.Double(key);
        if (value is < 0)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: '{key}' must be 0 or more", map.Get(key)!);
            return null;
        }

        return value;
    }
}
