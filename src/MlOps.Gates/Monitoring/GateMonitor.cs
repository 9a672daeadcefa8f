using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Monitoring;

/// <summary>
/// Runs gates of a gates file on recent data, run after run: any gate kind (a drift gate on production inputs, an
/// evaluate gate on freshly labelled rows, which is the concept-drift monitor, a data-quality gate on today's batch),
/// counting per gate the runs in a row that failed, so a failure that persists can be raised once and then updated.
/// </summary>
public sealed class GateMonitor(GateRunner runner)
{
    /// <param name="gates">The gates to run, by name; empty for every gate of the file.</param>
    /// <param name="recent">Data in place of each gate's own current data; null to run the gates as the file has them.</param>
    /// <param name="raiseAfter">Runs in a row a gate must fail before it is raised; 0 never raises.</param>
    public MonitorOutcome Run(GatesConfig config, IReadOnlyList<string> gates, DatasetOptions? recent, MonitorState previous, int raiseAfter, DateTimeOffset now, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(raiseAfter);
        var selected = Select(config, gates).Select(g => recent is null ? g : g.OnRecentData(recent)
            ?? throw new GatesInputException(ErrorCodes.BadUsage, $"gate '{g.Name}' ({g.Type}) has no data that recent data could stand in for; run it without recent data or leave it out")).ToList();
        var run = runner.Run(new GatesConfig
        {
            Path = config.Path,
            BaseDirectory = config.BaseDirectory,
            Datasets = config.Datasets,
            Gates = selected,
            Reports = config.Reports,
            FailOn = config.FailOn,
            Registry = config.Registry,
            Surroundings = config.Surroundings,
        }, progress, cancellationToken);
        var states = new Dictionary<string, GateMonitorState>(previous.Gates, StringComparer.Ordinal);
        var persisting = new List<string>();
        foreach (var result in run.Gates)
        {
            var before = previous.For(result.Name);
            var failures = result.Status == GateStatus.Failed ? before.ConsecutiveFailures + 1 : 0;
            states[result.Name] = before with { ConsecutiveFailures = failures };
            if (raiseAfter > 0 && failures >= raiseAfter)
            {
                persisting.Add(result.Name);
            }
        }

        return new MonitorOutcome(run, new MonitorState { Gates = states, LastRun = now }, persisting);
    }

    private static IEnumerable<GateDefinition> Select(GatesConfig config, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return config.Gates;
        }

        foreach (var name in names.Where(n => config.Gates.All(g => g.Name != n)))
        {
            var near = Suggest.Nearest(name, config.Gates.Select(g => g.Name));
            throw new GatesInputException(ErrorCodes.UnknownReference, $"{config.Path ?? "the gates file"} has no gate named '{name}' (it has: {string.Join(", ", config.Gates.Select(g => g.Name))}){(near is null ? string.Empty : $"; did you mean '{near}'?")}");
        }

        return config.Gates.Where(g => names.Contains(g.Name));
    }
}
