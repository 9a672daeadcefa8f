using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Drift;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>Runs a drift gate: reads both datasets once, tests each column, corrects for multiple tests, and judges the dataset.</summary>
internal static class DriftRunner
{
    public static GateResult Run(DriftGate gate, IProgress<RunProgress>? progress, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        progress?.Report(new RunProgress(gate.Name, $"reading {gate.Reference.DisplayPath} and {gate.Current.DisplayPath}", 0, 0, 0));
        var wanted = gate.Columns?.Except(gate.Exclude).ToList();
        var exclude = gate.Exclude.ToHashSet(StringComparer.Ordinal);

        // Both files are read at once, one on each core; the current file's columns are fixed only after the
        // reference's header is known, so it reads every column not excluded and the unwanted ones are dropped.
        var currentTask = Task.Run(() => DriftSampleReader.Read(gate.Current, wanted, exclude, out _, out var rows, cancellationToken) is var samples ? (samples, rows) : default);
        var reference = DriftSnapshot.IsSnapshot(gate.Reference.Path)
            ? DriftSnapshot.Read(gate.Reference.Path, gate.Reference.DisplayPath, wanted, exclude, out var referenceHeader, out var referenceRows)
            : DriftSampleReader.Read(gate.Reference, wanted, exclude, out referenceHeader, out referenceRows, cancellationToken);
        var (current, currentRows) = currentTask.GetAwaiter().GetResult();
        var columns = (wanted ?? referenceHeader.Where(c => !exclude.Contains(c)).ToList()).ToList();
        if (gate.Model is not null)
        {
            (reference, current) = AddPredictions(gate, reference, current, columns);
        }
        var checks = new List<CheckResult>();
        var results = new List<ColumnDriftResult>();
        var pairs = new List<(ColumnSample Reference, ColumnSample Current)>();
        foreach (var column in columns)
        {
            if (!reference.TryGetValue(column, out var r) || !current.TryGetValue(column, out var c))
            {
                var where = reference.ContainsKey(column) ? gate.Current.DisplayPath : gate.Reference.DisplayPath;
                checks.Add(MissingColumn(gate, column, where));
                continue;
            }

            RequireComparable(r, c, gate);
            pairs.Add((r, c));
        }

        // Columns are independent: test them on every core, keeping the file's column order.
        cancellationToken.ThrowIfCancellationRequested();
        var tested = new IReadOnlyList<ColumnDriftResult>[pairs.Count];
        (DriftTest?, double?) Settings(string column) =>
            gate.PerColumn.TryGetValue(column, out var own)
                || (column.LastIndexOf('.') is > 0 and var dot && gate.PerColumn.TryGetValue(column[..dot], out own))
                ? (own.Test ?? gate.Test, own.Threshold ?? gate.Threshold)
                : (gate.Test, gate.Threshold);
        try
        {
            Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var (r, c) = pairs[i];
                var named = gate.PerColumn.ContainsKey(r.Name) || (gate.Columns?.Contains(r.Name) ?? false);
                tested[i] = ColumnTyping.Test(r, c, gate.ColumnTypes.GetValueOrDefault(r.Name), named, Settings, gate.Location);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        results.AddRange(tested.SelectMany(t => t));

        results = Correct(results, gate.Correction);
        var judged = results.Where(r => r.Tested).ToList();
        var drifted = judged.Count(r => r.Drifted);
        var share = judged.Count == 0 ? 0 : (double)drifted / judged.Count;
        var datasetDrift = judged.Count > 0 && share >= gate.DriftShare;
        checks.AddRange(results.OrderByDescending(r => r.Severity).Select(r => ColumnCheck(gate, r)));
        checks.Insert(0, DatasetCheck(gate, share, drifted, judged.Count, datasetDrift));
        var findings = GateResult.FindingsOf(gate.Name, checks);
        return new GateResult
        {
            Name = gate.Name,
            Type = gate.Type,
            Status = GateResult.StatusOf(checks),
            Checks = checks,
            Findings = findings,
            Duration = watch.Elapsed,
            Drift = new DriftSummary(share, datasetDrift, judged.Count, drifted, referenceRows, currentRows, gate.DriftShare),
            Metrics = new Dictionary<string, double>
            {
                ["drift_share"] = share,
                ["dataset_drift"] = datasetDrift ? 1 : 0,
                ["columns_tested"] = judged.Count,
                ["columns_drifted"] = drifted,
                ["reference_rows"] = referenceRows,
                ["current_rows"] = currentRows,
                ["drift_share_threshold"] = gate.DriftShare,
            },
            Evidence = new Dictionary<string, string>
            {
                ["reference"] = gate.Reference.DisplayPath,
                ["current"] = gate.Current.DisplayPath,
                ["correction"] = gate.Correction.ToString().ToLowerInvariant(),
                ["model"] = gate.ModelDisplayPath ?? string.Empty,
            },
        };
    }

    /// <summary>Scores both datasets with the gate's model and adds its prediction columns to both samples.</summary>
    private static (IReadOnlyDictionary<string, ColumnSample>, IReadOnlyDictionary<string, ColumnSample>) AddPredictions(
        DriftGate gate, IReadOnlyDictionary<string, ColumnSample> reference, IReadOnlyDictionary<string, ColumnSample> current, List<string> columns)
    {
        if (DriftSnapshot.IsSnapshot(gate.Reference.Path))
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"gate '{gate.Name}': a model scores the reference data itself; give the reference file, not a snapshot", gate.Location);
        }

        var currentTask = Task.Run(() => Models.PredictionScorer.Score(gate.Model!, gate.ModelDisplayPath ?? gate.Model!, gate.Current));
        var referencePredictions = Models.PredictionScorer.Score(gate.Model!, gate.ModelDisplayPath ?? gate.Model!, gate.Reference);
        var currentPredictions = currentTask.GetAwaiter().GetResult();
        var mergedReference = reference.ToDictionary(StringComparer.Ordinal);
        var mergedCurrent = current.ToDictionary(StringComparer.Ordinal);
        foreach (var (name, sample) in referencePredictions)
        {
            mergedReference[name] = sample;
            mergedCurrent[name] = currentPredictions[name];
            columns.Add(name);
        }

        return (mergedReference, mergedCurrent);
    }

    private static void RequireComparable(ColumnSample reference, ColumnSample current, DriftGate gate)
    {
        if (reference.IsNumeric && !current.IsNumeric && reference.Count > 0)
        {
            var (value, location) = current.FirstText!.Value;
            throw new GatesInputException(ErrorCodes.NumberColumnHoldsText, $"{gate.Current.DisplayPath}: column '{current.Name}' is numeric in the reference but holds '{Clip(value)}' here", location);
        }

        foreach (var sample in new[] { reference, current })
        {
            if (!sample.IsNumeric && !sample.HasCategories)
            {
                var (value, location) = sample.FirstText!.Value;
                throw new GatesInputException(ErrorCodes.NumberColumnHoldsText, $"column '{sample.Name}' mixes numbers with text such as '{Clip(value)}' and has too many distinct values to compare as categories", location);
            }
        }
    }

    private static List<ColumnDriftResult> Correct(List<ColumnDriftResult> results, Correction correction)
    {
        if (correction == Correction.None)
        {
            return results;
        }

        var indices = results.Select((r, i) => (r, i)).Where(x => x.r.Tested && x.r.PValue is not null).Select(x => x.i).ToList();
        var adjusted = MultipleTesting.Adjust(indices.Select(i => results[i].PValue!.Value).ToList(), correction);
        var corrected = results.ToList();
        for (var k = 0; k < indices.Count; k++)
        {
            var r = results[indices[k]];
            corrected[indices[k]] = r with { AdjustedPValue = adjusted[k], Drifted = r.Test!.Drifted(r.Statistic, adjusted[k], r.Threshold) };
        }

        return corrected;
    }

    private static CheckResult ColumnCheck(DriftGate gate, ColumnDriftResult r)
    {
        var name = r.Test?.Name ?? "none";
        var verdict = !r.Tested ? "not tested" : r.Drifted ? "drift" : "no drift";
        string measured;
        if (!r.Tested)
        {
            measured = r.Note ?? string.Empty;
        }
        else if (r.Test!.IsPValue)
        {
            var p = r.AdjustedPValue ?? r.PValue!.Value;
            measured = string.Create(CultureInfo.InvariantCulture, $"{name} p={Format(p)}{(r.AdjustedPValue is null ? string.Empty : " (adjusted)")} {(r.Drifted ? "<" : ">=")} {Format(r.Threshold)}");
        }
        else
        {
            measured = string.Create(CultureInfo.InvariantCulture, $"{name} {Format(r.Statistic)} {(r.Drifted ? ">=" : "<")} {Format(r.Threshold)}");
        }

        // A column that arrives with no values at all is the most common production data bug: never a silent pass.
        var emptySide = r.Tested ? null : r.CurrentCount == 0 && r.ReferenceCount > 0 ? gate.Current.DisplayPath : r.ReferenceCount == 0 && r.CurrentCount > 0 ? gate.Reference.DisplayPath : null;
        if (emptySide is not null)
        {
            var missing = emptySide == gate.Current.DisplayPath ? r.CurrentMissing : r.ReferenceMissing;
            measured = string.Create(CultureInfo.InvariantCulture, $"every value is missing in {emptySide} ({missing} missing)");
            verdict = "nothing to compare";
        }

        return new CheckResult
        {
            Id = r.Column,
            Kind = name,
            Code = emptySide is null ? ErrorCodes.ColumnDrifted : ErrorCodes.DriftColumnEmpty,
            Description = $"'{r.Column}' ({r.ColumnType}{(r.Column == gate.Target ? ", target" : r.Column.StartsWith(Models.PredictionScorer.Prefix, StringComparison.Ordinal) ? ", prediction" : string.Empty)}) has not drifted",
            Columns = [r.Column],
            Severity = Severity.Warning,
            Success = !r.Drifted && emptySide is null,
            Message = $"{measured}: {verdict}",
            ObservedValue = r.Tested ? r.Test!.IsPValue ? r.AdjustedPValue ?? r.PValue : r.Statistic : null,
            ElementCount = r.ReferenceCount,
            MissingCount = r.ReferenceMissing,
            Parameters = new Dictionary<string, object?>
            {
                ["test"] = name,
                ["column_type"] = r.ColumnType,
                ["role"] = Role(gate, r.Column),
                ["tested"] = r.Tested,
            },
            Metrics = new Dictionary<string, double?>
            {
                ["statistic"] = r.Tested ? r.Statistic : null,
                ["p_value"] = r.PValue,
                ["p_value_adjusted"] = r.AdjustedPValue,
                ["threshold"] = r.Tested ? r.Threshold : null,
                ["reference_count"] = r.ReferenceCount,
                ["current_count"] = r.CurrentCount,
                ["reference_missing"] = r.ReferenceMissing,
                ["current_missing"] = r.CurrentMissing,
                ["unique_values"] = r.UniqueValues,
            },
            Drift = new ColumnDriftStatistics(name, r.ColumnType, Role(gate, r.Column), r.Tested, r.Tested ? r.Statistic : null, r.PValue, r.AdjustedPValue, r.Tested ? r.Threshold : null, r.ReferenceCount, r.CurrentCount, r.ReferenceMissing, r.CurrentMissing, r.UniqueValues),
            Chart = r.Bins.Select(b => new ChartPoint(b.Label, b.Reference, b.Current)).ToList(),
            ConfigLocation = gate.Location,
        };
    }

    private static string Role(DriftGate gate, string column) =>
        column == gate.Target ? "target" : column.StartsWith(Models.PredictionScorer.Prefix, StringComparison.Ordinal) ? "prediction" : "feature";

    private static CheckResult DatasetCheck(DriftGate gate, double share, int drifted, int tested, bool datasetDrift) => new()
    {
        Id = "dataset_drift",
        Kind = "drift_share",
        Code = ErrorCodes.DatasetDrifted,
        Description = string.Create(CultureInfo.InvariantCulture, $"fewer than {Format(gate.DriftShare)} of the columns drift"),
        Severity = Severity.Error,
        Success = !datasetDrift,
        Message = string.Create(CultureInfo.InvariantCulture, $"{drifted} of {tested} columns drifted (share {Format(share)}); the dataset drifts at {Format(gate.DriftShare)}"),
        ObservedValue = share,
        Metrics = new Dictionary<string, double?> { ["drift_share"] = share, ["drifted"] = drifted, ["tested"] = tested, ["threshold"] = gate.DriftShare },
        ConfigLocation = gate.Location,
    };

    private static CheckResult MissingColumn(DriftGate gate, string column, string where) => new()
    {
        Id = column,
        Kind = "column_present",
        Code = ErrorCodes.DriftColumnMissing,
        Description = $"'{column}' is in both datasets",
        Columns = [column],
        Severity = Severity.Error,
        Success = false,
        Message = $"column missing from {where}",
        ConfigLocation = gate.Location,
    };

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
