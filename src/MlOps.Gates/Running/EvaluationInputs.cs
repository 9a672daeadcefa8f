using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// An evaluate gate's labelled rows and the outputs of its candidate and baseline on them: predictions files read, or
/// models scored (both at once, one on each core), checked to cover the same rows, multiclass baselines put in the
/// candidate's class order.
/// </summary>
internal static class EvaluationInputs
{
    public static (GroundTruth Truth, ModelOutput Candidate, ModelOutput? Baseline) Load(EvaluateGate gate, CancellationToken cancellationToken)
    {
        if (gate.Model is null)
        {
            if (gate.Baseline is null)
            {
                var (truth, output) = PredictionsReader.Read(gate.Data, gate.Columns, cancellationToken);
                return (truth, output, null);
            }

            // Both files at once, one on each core; the baseline is read with the candidate's task once that is known,
            // which for a file that names none is inferred from the same labels, so both infer the same.
            var options = gate.Data with { Path = gate.Baseline.Path, DisplayPath = gate.Baseline.DisplayPath, Format = Data.DatasetOptions.FormatFromExtension(gate.Baseline.Path) };
            var baselineRead = Task.Run(() => PredictionsReader.Read(options, gate.Columns, cancellationToken), cancellationToken);
            (GroundTruth Truth, ModelOutput Output) read;
            try
            {
                read = PredictionsReader.Read(gate.Data, gate.Columns, cancellationToken);
            }
            finally
            {
                baselineRead.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }

            var (baselineTruth, baselinePredictions) = baselineRead.GetAwaiter().GetResult();
            if (baselineTruth.Task != read.Truth.Task)
            {
                (baselineTruth, baselinePredictions) = PredictionsReader.Read(options, gate.Columns with { Task = read.Truth.Task }, cancellationToken);
            }

            RequireSameRows(gate, read.Truth, baselineTruth);
            return (read.Truth, read.Output, baselinePredictions);
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
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"the baseline {gate.Baseline!.DisplayPath} is a {EvaluateRunner.Name(scoredBaseline.Task)} model, the candidate a {EvaluateRunner.Name(candidate.Task)} one", gate.Location);
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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
