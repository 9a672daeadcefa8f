using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// Runs every data-quality gate on one dataset in a single streaming pass: rows are read once, a batch at a time, and
/// each batch is offered to every check of every gate that reads that dataset.
/// </summary>
internal static class DataQualityRunner
{
    private const int ProgressEvery = 1 << 16;

    public static IReadOnlyList<GateResult> Run(DatasetOptions dataset, IReadOnlyList<DataQualityGate> gates, TimeProvider time, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var label = gates.Count == 1 ? gates[0].Name : string.Join(", ", gates.Select(g => g.Name));
        using var reader = TableReaders.Open(dataset);
        var evaluators = gates.Select(g => g.Checks.Select(c => c.NewRun()).ToList()).ToList();
        var checks = evaluators.SelectMany(e => e).ToList();
        foreach (var check in checks)
        {
            check.Bind(reader);
        }

        var active = checks.Where(c => c.NeedsRows).ToArray();
        var batch = reader.CreateBatch(active.SelectMany(c => c.ColumnsRead));
        long rows = 0;
        var reported = 0L;
        while (reader.ReadBatch(batch))
        {
            foreach (var check in active)
            {
                check.Observe(batch);
            }

            rows += batch.Count;
            if (rows - reported >= ProgressEvery)
            {
                reported = rows;
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new RunProgress(label, $"reading {dataset.DisplayPath}", rows, batch.Position, reader.Length));
            }
        }

        progress?.Report(new RunProgress(label, $"read {dataset.DisplayPath}", rows, reader.Length, reader.Length));
        var summary = new DatasetSummary(dataset.Name, dataset.DisplayPath, rows, reader.Columns, time.GetUtcNow());
        var elapsed = watch.Elapsed;
        return gates.Select((gate, i) => Complete(gate, evaluators[i], summary, reader.Length, elapsed)).ToList();
    }

    private static GateResult Complete(DataQualityGate gate, IReadOnlyList<Check> checks, DatasetSummary summary, long bytes, TimeSpan elapsed)
    {
        var results = checks.Select(c => c.Complete(summary)).Concat(gate.Skipped.Select(Skipped)).ToList();
        var findings = GateResult.FindingsOf(gate.Name, results);
        return new GateResult
        {
            Name = gate.Name,
            Type = gate.Type,
            Status = GateResult.StatusOf(results),
            Checks = results,
            Findings = findings,
            Duration = elapsed,
            Dataset = summary,
            Metrics = new Dictionary<string, double>
            {
                ["rows"] = summary.Rows,
                ["columns"] = summary.Columns.Count,
                ["checks"] = results.Count,
                ["failed_checks"] = results.Count(r => r.Status == GateStatus.Failed),
                ["warning_checks"] = results.Count(r => r.Status == GateStatus.Warning),
            },
            Evidence = new Dictionary<string, string>
            {
                ["dataset"] = summary.Name,
                ["path"] = summary.DisplayPath,
                ["bytes"] = bytes.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>An expectation not implemented here, as a warning in the results: skipped, never passed in silence.</summary>
    private static CheckResult Skipped(Quality.SkippedExpectation skipped) => new()
    {
        Id = skipped.Type,
        Kind = "unsupported",
        Code = ErrorCodes.UnsupportedExpectation,
        Description = $"Great Expectations' {skipped.Type}",
        Severity = Severity.Warning,
        Success = false,
        Message = $"{skipped.Type} is not implemented in this version: skipped, not judged",
        ConfigLocation = skipped.Location,
    };
}
