using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// Runs an evaluate gate: scores the candidate (and the baseline) on the labelled rows, or reads their predictions
/// files, evaluates, and turns each metric's and each slice's verdict into a check.
/// </summary>
internal static class EvaluateRunner
{
    public static GateResult Run(EvaluateGate gate, IProgress<RunProgress>? progress, RegistrySettings? registry = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        progress?.Report(new RunProgress(gate.Name, $"evaluating {gate.Model?.DisplayPath ?? gate.Data.DisplayPath}", 0, 0, 0));
        using var fetched = FetchBaseline(gate, registry);
        gate = fetched.Gate;
        var (truth, candidate, baseline) = Load(gate, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = Evaluator.Evaluate(truth, candidate, baseline, gate.Settings, cancellationToken);
        var checks = new List<CheckResult>();
        foreach (var metric in outcome.Metrics.Where(m => m.Verdict is not null))
        {
            checks.Add(MetricCheck(gate, metric, outcome.Task));
        }

        foreach (var slice in outcome.Slices.Where(s => !s.TooSmall))
        {
            checks.AddRange(slice.Verdicts.Select(v => SliceCheck(gate, slice, v)));
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["rows"] = truth.Count };
        foreach (var row in outcome.Metrics.Where(m => double.IsFinite(m.Value)))
        {
            metrics[row.Name] = row.Value;
            if (row.Baseline is { } b && double.IsFinite(b))
            {
                metrics["baseline." + row.Name] = b;
            }
        }

        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task"] = Name(truth.Task),
            ["candidate"] = gate.Model?.DisplayPath ?? gate.Data.DisplayPath,
            ["data"] = gate.Data.DisplayPath,
            ["baseline"] = fetched.Description ?? gate.Baseline?.DisplayPath ?? string.Empty,
        };
        foreach (var (key, path) in new[] { ("data_sha256", gate.Data.Path), ("candidate_sha256", gate.Model?.Path), ("baseline_sha256", gate.Baseline?.Kind == ModelSourceKind.Registry ? null : gate.Baseline?.Path) })
        {
            if (path is not null)
            {
                evidence[key] = Sha256(path);
            }
        }

        return new GateResult
        {
            Name = gate.Name,
            Type = gate.Type,
            Status = GateResult.StatusOf(checks),
            Checks = checks,
            Findings = GateResult.FindingsOf(gate.Name, checks),
            Metrics = metrics,
            Evidence = evidence,
            Duration = watch.Elapsed,
            Evaluation = Describe(gate, outcome),
        };
    }

    /// <summary>
    /// A registry baseline (<c>registry:NAME@ALIAS</c>) becomes the model file the alias points at, downloaded and
    /// verified; an alias that points nowhere yet means no baseline, which the rules treat as a first run.
    /// </summary>
    private static FetchedBaseline FetchBaseline(EvaluateGate gate, RegistrySettings? settings)
    {
        if (gate.Baseline is not { Kind: ModelSourceKind.Registry, Registry: { } reference })
        {
            return new FetchedBaseline(gate, null, null);
        }

        if (settings is null)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"gate '{gate.Name}': the baseline {gate.Baseline.DisplayPath} needs a 'registry' section in the gates file", gate.Location);
        }

        var registry = settings.Open();
        try
        {
            var version = registry.Resolve(reference.Name, reference.Alias);
            if (version is null)
            {
                return new FetchedBaseline(gate with { Baseline = null }, null, $"{gate.Baseline.DisplayPath} (no version yet)");
            }

            var folder = Path.Combine(Path.GetTempPath(), "mlops-gates-baseline-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, version.ArtifactFileName);
            registry.Download(reference.Name, version.Version, file);
            var description = string.Create(CultureInfo.InvariantCulture, $"{gate.Baseline.DisplayPath} (version {version.Version})");
            return new FetchedBaseline(gate with { Baseline = new ModelSource(ModelSourceKind.ModelFile, file, description) }, folder, description);
        }
        finally
        {
            (registry as IDisposable)?.Dispose();
        }
    }

    private sealed record FetchedBaseline(EvaluateGate Gate, string? Folder, string? Description) : IDisposable
    {
        public void Dispose()
        {
            if (Folder is not null && Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    private static (GroundTruth Truth, ModelOutput Candidate, ModelOutput? Baseline) Load(EvaluateGate gate, CancellationToken cancellationToken)
    {
        if (gate.Model is null)
        {
            var (truth, output) = PredictionsReader.Read(gate.Data, gate.Columns, cancellationToken);
            if (gate.Baseline is null)
            {
                return (truth, output, null);
            }

            var options = gate.Data with { Path = gate.Baseline.Path, DisplayPath = gate.Baseline.DisplayPath, Format = Data.DatasetOptions.FormatFromExtension(gate.Baseline.Path) };
            var (baselineTruth, baselinePredictions) = PredictionsReader.Read(options, gate.Columns with { Task = truth.Task }, cancellationToken);
            RequireSameRows(gate, truth, baselineTruth);
            return (truth, output, baselinePredictions);
        }

        // The candidate and the baseline score the data at once, one on each core.
        var baselineTask = gate.Baseline is null ? null : Task.Run(() => ModelScorer.Score(gate.Baseline.Path, gate.Baseline.DisplayPath, gate.Data, gate.Io, gate.Columns.Task, cancellationToken));
        ScoredModel candidate;
        try
        {
            candidate = ModelScorer.Score(gate.Model.Path, gate.Model.DisplayPath, gate.Data, gate.Io, gate.Columns.Task, cancellationToken);
        }
        finally
        {
            // A failed baseline must not go unobserved when the candidate fails too; the candidate's error is the one reported.
            baselineTask?.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }

        var groundTruth = PredictionsReader.ReadTruth(gate.Data, gate.Columns, candidate.Task, candidate.Classes, cancellationToken);
        if (candidate.Rows != groundTruth.Count)
        {
            throw new GatesInputException(ErrorCodes.RowsDoNotAlign, Invariant($"{gate.Model.DisplayPath} scored {candidate.Rows} rows of {gate.Data.DisplayPath}, which has {groundTruth.Count}"), gate.Location);
        }

        if (baselineTask is null)
        {
            return (groundTruth, candidate.Output, null);
        }

        var scoredBaseline = baselineTask.GetAwaiter().GetResult();
        if (scoredBaseline.Task != candidate.Task)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"the baseline {gate.Baseline!.DisplayPath} is a {Name(scoredBaseline.Task)} model, the candidate a {Name(candidate.Task)} one", gate.Location);
        }

        var baselineOutput = scoredBaseline.Output;
        if (candidate.Task == EvaluationTask.Multiclass && !(scoredBaseline.Classes ?? []).SequenceEqual(groundTruth.Classes))
        {
            baselineOutput = Remap(scoredBaseline, groundTruth, gate);
        }

        return (groundTruth, candidate.Output, baselineOutput);
    }

    /// <summary>Puts a multiclass baseline's classes in the candidate's order; a class the candidate lacks is an error.</summary>
    private static ModelOutput Remap(ScoredModel baseline, GroundTruth truth, EvaluateGate gate)
    {
        var classes = baseline.Classes ?? [];
        var map = classes.Select(c => truth.Classes.ToList().IndexOf(c)).ToArray();
        if (map.Any(i => i < 0) || classes.Count != truth.Classes.Count)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"the baseline {gate.Baseline!.DisplayPath} knows the classes {string.Join(", ", classes)}, the candidate {string.Join(", ", truth.Classes)}", gate.Location);
        }

        var k = classes.Count;
        var output = baseline.Output;
        var probabilities = output.Probabilities.Length == 0 ? [] : new double[output.Probabilities.Length];
        for (var row = 0; row < output.PredictedClass.Length && probabilities.Length > 0; row++)
        {
            for (var c = 0; c < k; c++)
            {
                probabilities[(row * k) + map[c]] = output.Probabilities[(row * k) + c];
            }
        }

        return new ModelOutput { PredictedClass = output.PredictedClass.Select(c => map[c]).ToArray(), Probabilities = probabilities };
    }

    private static void RequireSameRows(EvaluateGate gate, GroundTruth candidate, GroundTruth baseline)
    {
        var same = candidate.Count == baseline.Count && candidate.Task switch
        {
            EvaluationTask.Binary => candidate.Positive.AsSpan().SequenceEqual(baseline.Positive),
            EvaluationTask.Multiclass => candidate.Classes.SequenceEqual(baseline.Classes) && candidate.Class.AsSpan().SequenceEqual(baseline.Class),
            _ => candidate.Value.AsSpan().SequenceEqual(baseline.Value),
        };
        if (!same)
        {
            throw new GatesInputException(
                ErrorCodes.RowsDoNotAlign,
                Invariant($"the baseline {gate.Baseline!.DisplayPath} ({baseline.Count} rows) does not hold the same labelled rows as {gate.Data.DisplayPath} ({candidate.Count} rows) in the same order; a paired comparison needs both on the same rows"),
                gate.Location);
        }
    }

    private static CheckResult MetricCheck(EvaluateGate gate, MetricComparison metric, EvaluationTask task)
    {
        var verdict = metric.Verdict!;
        var message = verdict.Failures.Count > 0
            ? string.Join("; ", verdict.Failures)
            : verdict.Warning
                ? string.Join("; ", verdict.Notes)
                : Invariant($"{metric.Name} = {metric.Value:G6}{(metric.Baseline is { } b ? Invariant($" (baseline {b:G6}, change {metric.Delta:+0.######;-0.######;0})") : string.Empty)}");
        var location = gate.ThresholdLocations.GetValueOrDefault(metric.Name)
            ?? gate.ThresholdLocations.FirstOrDefault(l => MetricNames.Canonical(l.Key, task) == metric.Name).Value
            ?? gate.Location;
        var threshold = gate.Settings.Thresholds.FirstOrDefault(t => MetricNames.Canonical(t.Metric, task) == metric.Name);
        return new CheckResult
        {
            Id = metric.Name,
            Kind = "metric",
            Code = verdict.Code ?? ErrorCodes.MetricThreshold,
            Description = Describe(threshold, metric.Name),
            Columns = [],
            Severity = verdict.Failures.Count > 0 ? Severity.Error : Severity.Warning,
            Success = verdict.Passed && !verdict.Warning,
            Message = message,
            ObservedValue = metric.Value,
            Parameters = Parameters(threshold),
            Metrics = new Dictionary<string, double?>
            {
                ["value"] = metric.Value,
                ["baseline"] = metric.Baseline,
                ["delta"] = metric.Delta,
                ["interval_low"] = metric.IntervalLow,
                ["interval_high"] = metric.IntervalHigh,
                ["p_value"] = metric.PValue,
                ["threshold"] = threshold?.Threshold,
            },
            ConfigLocation = location,
        };
    }

    private static CheckResult SliceCheck(EvaluateGate gate, SliceOutcome slice, ThresholdVerdict verdict) => new()
    {
        Id = $"{slice.Name}: {verdict.Metric}",
        Kind = "slice_metric",
        Code = verdict.Passed && !verdict.Warning ? ErrorCodes.SliceMetric : verdict.Code == ErrorCodes.MissingBaseline ? ErrorCodes.MissingBaseline : ErrorCodes.SliceMetric,
        Description = $"{verdict.Metric} on the slice {slice.Name} clears its bar",
        Columns = slice.Columns,
        Severity = verdict.Failures.Count > 0 ? Severity.Error : Severity.Warning,
        Success = verdict.Passed && !verdict.Warning,
        Message = verdict.Failures.Count > 0
            ? Invariant($"{string.Join("; ", verdict.Failures)} ({slice.Rows} rows)")
            : verdict.Warning ? string.Join("; ", verdict.Notes) : Invariant($"{verdict.Metric} = {slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN):G6} ({slice.Rows} rows)"),
        ObservedValue = slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN),
        ElementCount = slice.Rows,
        Metrics = new Dictionary<string, double?>
        {
            ["value"] = slice.Metrics.GetValueOrDefault(verdict.Metric, double.NaN),
            ["baseline"] = slice.Baseline?.GetValueOrDefault(verdict.Metric, double.NaN),
            ["rows"] = slice.Rows,
        },
        ConfigLocation = gate.Location,
    };

    private static ModelEvaluation Describe(EvaluateGate gate, EvaluationOutcome outcome)
    {
        var names = outcome.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return new ModelEvaluation
        {
            Task = Name(outcome.Task),
            Rows = outcome.Rows,
            Classes = outcome.Classes,
            Candidate = gate.Model?.DisplayPath ?? gate.Data.DisplayPath,
            Baseline = gate.Baseline?.DisplayPath,
            Confidence = gate.Settings.Confidence,
            Resamples = outcome.Baseline is null ? 0 : gate.Settings.Resamples,
            Metrics = outcome.Metrics.Select(m => new MetricRow(
                m.Name, m.Value, m.Baseline, m.Delta, m.IntervalLow, m.IntervalHigh, m.PValue, m.GreaterIsBetter,
                m.Verdict is null ? "not judged" : m.Verdict.Failures.Count > 0 ? "failed" : m.Verdict.Warning ? "warning" : "passed",
                Describe(gate.Settings.Thresholds.FirstOrDefault(t => MetricNames.Canonical(t.Metric, outcome.Task) == m.Name), null),
                m.Verdict?.Failures ?? [],
                m.Verdict?.Notes ?? [])).ToList(),
            Confusion = Matrix(outcome.Candidate.Confusion),
            BaselineConfusion = Matrix(outcome.Baseline?.Confusion),
            McNemar = outcome.McNemar is { } t ? new McNemarResult(t.OnlyCandidate, t.OnlyBaseline, t.PValue) : null,
            Roc = Points(outcome.Roc),
            PrecisionRecall = Points(outcome.PrecisionRecall),
            BaselineRoc = Points(outcome.BaselineRoc),
            BaselinePrecisionRecall = Points(outcome.BaselinePrecisionRecall),
            Slices = outcome.Slices.Select(s => new SliceRow(
                s.Name,
                s.Rows,
                s.TooSmall,
                s.TooSmall ? "too small" : s.Verdicts.Any(v => v.Failures.Count > 0) ? "failed" : s.Verdicts.Any(v => v.Warning) ? "warning" : s.Verdicts.Count > 0 ? "passed" : "not judged",
                s.Metrics.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                s.Baseline?.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                s.Verdicts.SelectMany(v => v.Failures).ToList(),
                s.McNemar is { } m ? new McNemarResult(m.OnlyCandidate, m.OnlyBaseline, m.PValue) : null)).ToList(),
            Predictions = outcome.Predictions,
            BaselinePredictions = outcome.BaselinePredictions,
        };
    }

    private static string Describe(MetricThreshold? t, string? metric)
    {
        if (t is null)
        {
            return metric is null ? string.Empty : $"{metric} is reported";
        }

        var parts = new List<string>();
        var direction = t.Greater ? ">=" : "<=";
        if (t.Threshold is { } bar)
        {
            parts.Add(Invariant($"{t.Metric} {direction} {bar:G6}"));
        }

        if (t.MinAbsoluteChange is { } absolute)
        {
            parts.Add(Invariant($"improves on the baseline by at least {absolute:G6}"));
        }

        if (t.MinRelativeChange is { } relative)
        {
            parts.Add(Invariant($"improves on the baseline by at least {relative * 100:0.#}%"));
        }

        if (t.RequireSignificant is { } alpha)
        {
            parts.Add(Invariant($"significantly (alpha {alpha:G3})"));
        }

        if (t.NonInferiorityMargin is { } margin)
        {
            parts.Add(Invariant($"no worse than the baseline by more than {margin:G4}"));
        }

        return string.Join(", ", parts);
    }

    private static Dictionary<string, object?> Parameters(MetricThreshold? t) => t is null
        ? new Dictionary<string, object?>()
        : new Dictionary<string, object?>
        {
            ["threshold"] = t.Threshold,
            ["min_absolute_change"] = t.MinAbsoluteChange,
            ["min_relative_change"] = t.MinRelativeChange,
            ["greater_is_better"] = t.Greater,
            ["require_significant"] = t.RequireSignificant,
            ["non_inferiority_margin"] = t.NonInferiorityMargin,
        };

    private static List<IReadOnlyList<long>>? Matrix(long[,]? matrix) => matrix is null
        ? null
        : Enumerable.Range(0, matrix.GetLength(0)).Select(r => (IReadOnlyList<long>)Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToList()).ToList();

    private static List<CurvePoint> Points(IReadOnlyList<(double X, double Y)> curve) => curve.Select(p => new CurvePoint(Math.Round(p.X, 5), Math.Round(p.Y, 5))).ToList();

    internal static string Name(EvaluationTask task) => task.ToString().ToLowerInvariant();

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)).ToLowerInvariant();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
