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
        var reported = 0L;
        void Report(long rows, long position)
        {
            if (rows - reported >= ProgressEvery)
            {
                reported = rows;
                progress?.Report(new RunProgress(label, $"reading {dataset.DisplayPath}", rows, position, reader.Length));
            }
        }

        var columns = active.SelectMany(c => c.ColumnsRead).ToArray();
        var scheduler = new CheckScheduler(active, Environment.ProcessorCount);
        var rows = Environment.ProcessorCount == 1
            ? ReadInTurn(reader, reader.CreateBatch(columns), scheduler, Report, cancellationToken)
            : ReadAhead(reader, [reader.CreateBatch(columns), reader.CreateBatch(columns)], scheduler, Report, cancellationToken);

        progress?.Report(new RunProgress(label, $"read {dataset.DisplayPath}", rows, reader.Length, reader.Length));
        var summary = new DatasetSummary(dataset.Name, dataset.DisplayPath, rows, reader.Columns, time.GetUtcNow());
        var elapsed = watch.Elapsed;
        return gates.Select((gate, i) => Complete(gate, evaluators[i], summary, reader.Length, elapsed)).ToList();
    }

    /// <summary>One core: read a batch, offer it to the checks, read the next.</summary>
    private static long ReadInTurn(TableReader reader, RowBatch batch, CheckScheduler scheduler, Action<long, long> report, CancellationToken cancellationToken)
    {
        long rows = 0;
        while (reader.ReadBatch(batch))
        {
            scheduler.Observe(batch);
            rows += batch.Count;
            report(rows, batch.Position);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return rows;
    }

    /// <summary>
    /// Several cores: the next batch is read while the checks work through this one, two batches taking turns. The
    /// read always finishes before this returns or throws, so the reader is never disposed under it.
    /// </summary>
    private static long ReadAhead(TableReader reader, RowBatch[] batches, CheckScheduler scheduler, Action<long, long> report, CancellationToken cancellationToken)
    {
        long rows = 0;
        var turn = 0;
        var more = reader.ReadBatch(batches[0]);
        while (more)
        {
            var batch = batches[turn];
            var next = batches[1 - turn];
            var read = Task.Run(() => reader.ReadBatch(next), CancellationToken.None);
            try
            {
                scheduler.Observe(batch);
            }
            finally
            {
                // A check that throws still waits for the read under way; the check's error is the one that counts.
                ((IAsyncResult)read).AsyncWaitHandle.WaitOne();
            }

            more = read.GetAwaiter().GetResult();
            rows += batch.Count;
            report(rows, batch.Position);
            cancellationToken.ThrowIfCancellationRequested();
            turn = 1 - turn;
        }

        return rows;
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
