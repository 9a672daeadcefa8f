using System.Diagnostics;
using System.Reflection;
using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>Runs the gates of a loaded gates file and gathers one result, gates in the order the file names them.</summary>
public sealed class GateRunner(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public static string ToolVersion { get; } =
        typeof(GateRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public RunResult Run(GatesConfig config, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var results = new Dictionary<GateDefinition, GateResult>();
        var qualityGates = config.Gates.OfType<DataQualityGate>().GroupBy(g => g.Dataset.Path, StringComparer.Ordinal);
        foreach (var group in qualityGates)
        {
            var gates = group.ToList();
            var gateResults = DataQualityRunner.Run(gates[0].Dataset, gates, _time, progress, cancellationToken);
            for (var i = 0; i < gates.Count; i++)
            {
                results[gates[i]] = gateResults[i];
            }
        }

        foreach (var gate in config.Gates.OfType<DriftGate>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[gate] = DriftRunner.Run(gate, progress, cancellationToken);
        }

        foreach (var gate in config.Gates.OfType<EvaluateGate>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[gate] = EvaluateRunner.Run(gate, progress, config.Registry, cancellationToken);
        }

        return new RunResult
        {
            Version = ToolVersion,
            StartedAt = started,
            Duration = watch.Elapsed,
            Config = config.Path is null ? null : DisplayPaths.Relative(Environment.CurrentDirectory, config.Path),
            BaseDirectory = config.BaseDirectory,
            Gates = config.Gates.Select(g => results[g]).ToList(),
        };
    }
}
