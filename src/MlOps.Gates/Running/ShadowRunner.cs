using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Drift;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// Runs an evaluate gate as a shadow comparison: both models score the same unlabelled rows (one on each core); the
/// gate reports how often they agree, judged against <c>min_agreement</c>, tests their outputs for drift as the drift
/// gate tests columns (the baseline's outputs as the reference), and lists the rows where they differ most.
/// </summary>
internal static class ShadowRunner
{
    public static GateResult Run(EvaluateGate gate, IProgress<RunProgress>? progress, RegistrySettings? registry, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var settings = gate.Shadow!;
        progress?.Report(new RunProgress(gate.Name, $"comparing {gate.Model!.DisplayPath} with its baseline on {gate.Data.DisplayPath}", 0, 0, 0));
        using var fetched = RegistryBaseline.Fetch(gate, registry);
        gate = fetched.Gate;
        var model = gate.Model!;
        if (gate.Baseline is null)
        {
            return NoBaseline(gate, fetched.Description, watch.Elapsed);
        }

        var baselineTask = Task.Run(() => ModelScorer.Score(gate.Baseline.Path, gate.Baseline.DisplayPath, gate.Data, gate.Io, gate.Columns.Task, cancellationToken), cancellationToken);
        ScoredModel candidate;
        try
        {
            candidate = ModelScorer.Score(model.Path, model.DisplayPath, gate.Data, gate.Io, gate.Columns.Task, cancellationToken);
        }
        finally
        {
            baselineTask.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }

        var baseline = baselineTask.GetAwaiter().GetResult();
        if (baseline.Task != candidate.Task)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"the baseline {gate.Baseline.DisplayPath} is a {EvaluateRunner.Name(baseline.Task)} model, the candidate a {EvaluateRunner.Name(candidate.Task)} one", gate.Location);
        }

        if (baseline.Rows != candidate.Rows)
        {
            throw new GatesInputException(ErrorCodes.RowsDoNotAlign, string.Create(CultureInfo.InvariantCulture, $"{model.DisplayPath} scored {candidate.Rows} rows of {gate.Data.DisplayPath}, the baseline {baseline.Rows}"), gate.Location);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var comparison = ShadowCompare.Compare(candidate, baseline, settings) with
        {
            Candidate = model.DisplayPath,
            Baseline = fetched.Description ?? gate.Baseline.DisplayPath,
        };
        var checks = new List<CheckResult> { AgreementCheck(gate, comparison) };
        checks.AddRange(comparison.Drift.Select(d => DriftCheck(gate, d)));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["rows"] = comparison.Rows,
            ["agreement"] = comparison.Agreement,
        };
        if (comparison.MeanAbsoluteDifference is { } mad)
        {
            metrics["mean_abs_difference"] = mad;
        }

        foreach (var drift in comparison.Drift)
        {
            metrics[$"drift.{drift.Output}"] = drift.PValue ?? drift.Statistic;
        }

        return new GateResult
        {
            Name = gate.Name,
            Type = gate.Type,
            Status = GateResult.StatusOf(checks),
            Checks = checks,
            Findings = GateResult.FindingsOf(gate.Name, checks),
            Metrics = metrics,
            Evidence = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["task"] = comparison.Task,
                ["compare"] = "shadow",
                ["candidate"] = comparison.Candidate,
                ["baseline"] = comparison.Baseline,
                ["data"] = gate.Data.DisplayPath,
            },
            Duration = watch.Elapsed,
            Shadow = comparison,
        };
    }

    private static CheckResult AgreementCheck(EvaluateGate gate, ShadowComparison comparison)
    {
        var share = comparison.Agreement;
        var judged = comparison.MinAgreement is not null;
        var what = comparison.Task == "regression"
            ? string.Create(CultureInfo.InvariantCulture, $"within {comparison.Tolerance:G6} of the baseline's value")
            : "the baseline's class";
        return new CheckResult
        {
            Id = "agreement",
            Kind = "shadow_agreement",
            Code = ErrorCodes.ShadowAgreement,
            Description = judged ? string.Create(CultureInfo.InvariantCulture, $"the candidate agrees with the baseline on at least {comparison.MinAgreement:G6} of the rows") : "the candidate's agreement with the baseline (reported, not judged)",
            Severity = Severity.Error,
            Success = !judged || share >= comparison.MinAgreement,
            Message = string.Create(CultureInfo.InvariantCulture, $"predicts {what} on {comparison.Agreeing} of {comparison.Rows} rows ({share:G6}){(judged ? $"; min_agreement {comparison.MinAgreement:G6}" : string.Empty)}"),
            ObservedValue = share,
            ElementCount = comparison.Rows,
            UnexpectedCount = comparison.Rows - comparison.Agreeing,
            Metrics = new Dictionary<string, double?> { ["agreement"] = share, ["min_agreement"] = comparison.MinAgreement, ["rows"] = comparison.Rows },
            ConfigLocation = gate.Location,
        };
    }

    private static CheckResult DriftCheck(EvaluateGate gate, ShadowOutputDrift drift)
    {
        var measured = drift.PValue is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{drift.Test} p={p:G6} {(drift.Drifted ? "<" : ">=")} {drift.Threshold:G6}")
            : string.Create(CultureInfo.InvariantCulture, $"{drift.Test} {drift.Statistic:G6} {(drift.Drifted ? ">=" : "<")} {drift.Threshold:G6}");
        return new CheckResult
        {
            Id = "prediction_drift." + drift.Output,
            Kind = drift.Test,
            Code = ErrorCodes.ColumnDrifted,
            Description = $"the candidate's {drift.Output} is distributed as the baseline's",
            Severity = Severity.Warning,
            Success = !drift.Drifted,
            Message = $"{measured}: {(drift.Drifted ? "the outputs differ" : "alike")}",
            ObservedValue = drift.PValue ?? drift.Statistic,
            Metrics = new Dictionary<string, double?> { ["statistic"] = drift.Statistic, ["p_value"] = drift.PValue, ["threshold"] = drift.Threshold },
            ConfigLocation = gate.Location,
        };
    }

    private static GateResult NoBaseline(EvaluateGate gate, string? description, TimeSpan elapsed)
    {
        var check = new CheckResult
        {
            Id = "baseline",
            Kind = "baseline_present",
            Code = ErrorCodes.MissingBaseline,
            Description = "a baseline to compare the candidate with",
            Severity = Severity.Warning,
            Success = false,
            Message = $"no baseline yet ({description ?? "none"}): nothing to compare the candidate with",
            ConfigLocation = gate.Location,
        };
        return new GateResult
        {
            Name = gate.Name,
            Type = gate.Type,
            Status = GateResult.StatusOf([check]),
            Checks = [check],
            Findings = GateResult.FindingsOf(gate.Name, [check]),
            Duration = elapsed,
        };
    }
}
