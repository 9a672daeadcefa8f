using System.Diagnostics;
using System.Reflection;
using MlOps.Gates.Config;
using MlOps.Gates.Kinds;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// Runs the gates of a loaded gates file and gathers one result, gates in the order the file names them; each kind
/// runs its own gates, kind by kind.
/// </summary>
public sealed class GateRunner(TimeProvider? time = null, IReadOnlyList<IGateKind>? kinds = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IReadOnlyList<IGateKind> _kinds = kinds ?? GateKinds.Default;

    public static string ToolVersion { get; } =
        typeof(GateRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public RunResult Run(GatesConfig config, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var results = new Dictionary<GateDefinition, GateResult>(ReferenceEqualityComparer.Instance);
        var context = new GateRunContext(_time, progress, config.Registry, cancellationToken);
        foreach (var kind in _kinds)
        {
            var gates = config.Gates.Where(g => g.Type == kind.TypeNames[0]).ToList();
            if (gates.Count == 0)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var gateResults = kind.Run(gates, context);
            for (var i = 0; i < gates.Count; i++)
            {
                results[gates[i]] = gateResults[i];
            }
        }

        var unrun = config.Gates.FirstOrDefault(g => !results.ContainsKey(g));
        if (unrun is not null)
        {
            throw new InvalidOperationException($"no gate kind runs gates of type '{unrun.Type}'");
        }

        return new RunResult
        {
            Version = ToolVersion,
            StartedAt = started,
            Duration = watch.Elapsed,
            Config = config.Path is null ? null : DisplayPaths.Relative(Environment.CurrentDirectory, config.Path),
            BaseDirectory = config.BaseDirectory,
            Gates = config.Gates.Select(g => results[g] with { Inputs = g.Inputs }).ToList(),
            Card = config.Card,
        };
    }
}
