using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// Runs an evaluate gate: the baseline from the registry (<see cref="RegistryBaseline"/>), the labelled rows and both
/// models' outputs (<see cref="EvaluationInputs"/>), the evaluation, and its checks and report section
/// (<see cref="EvaluationReport"/>), with the evidence the verdict rests on.
/// </summary>
internal static class EvaluateRunner
{
    public static GateResult Run(EvaluateGate gate, IProgress<RunProgress>? progress, RegistrySettings? registry = null, CancellationToken cancellationToken = default)
    {
        if (gate.Shadow is not null)
        {
            return ShadowRunner.Run(gate, progress, registry, cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        progress?.Report(new RunProgress(gate.Name, $"evaluating {gate.Model?.DisplayPath ?? gate.Data.DisplayPath}", 0, 0, 0));
        using var fetched = RegistryBaseline.Fetch(gate, registry);
        gate = fetched.Gate;
        var (truth, candidate, baseline) = EvaluationInputs.Load(gate, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = Evaluator.Evaluate(truth, candidate, baseline, gate.Settings, cancellationToken);
        var checks = new List<CheckResult>();
        foreach (var metric in outcome.Metrics.Where(m => m.Verdict is not null))
        {
            checks.Add(EvaluationReport.MetricCheck(gate, metric, outcome.Task));
        }

        foreach (var slice in outcome.Slices.Where(s => !s.TooSmall))
        {
            checks.AddRange(slice.Verdicts.Select(v => EvaluationReport.SliceCheck(gate, slice, v)));
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
                evidence[key] = FileHash.Sha256(path).Hash;
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
            Evaluation = EvaluationReport.Describe(gate, outcome),
        };
    }

    internal static string Name(EvaluationTask task) => task.ToString().ToLowerInvariant();
}
