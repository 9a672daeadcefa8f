using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MlOps.Gates.Data;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Running;

/// <summary>
/// Offers each batch to every check, spreading the checks over the cores. The first batches run one check after
/// another and time each; the checks are then dealt into as many groups as there are cores, the slowest first into the
/// group with the least work so far, and each later batch runs its groups side by side. A check only ever sees batches
/// in file order and from one thread at a time, so results do not depend on the number of cores.
/// </summary>
internal sealed class CheckScheduler
{
    /// <summary>Batches timed before the checks are grouped: enough to rank them, few enough to matter little.</summary>
    private const int CalibrationBatches = 4;

    private readonly Check[] _checks;
    private readonly long[] _ticks;
    private readonly int _workers;
    private Check[][]? _groups;
    private int _batches;

    public CheckScheduler(IReadOnlyList<Check> checks, int processors)
    {
        _checks = checks.ToArray();
        _ticks = new long[_checks.Length];
        _workers = Math.Max(1, Math.Min(processors, _checks.Length));
    }

    /// <summary>How many groups run side by side once calibrated (1 until then, or with one core or one check).</summary>
    public int Groups => _groups?.Length ?? 1;

    public void Observe(RowBatch batch)
    {
        if (_workers == 1)
        {
            foreach (var check in _checks)
            {
                check.Observe(batch);
            }

            return;
        }

        if (_groups is null)
        {
            Calibrate(batch);
            return;
        }

        try
        {
            Parallel.ForEach(_groups, group =>
            {
                foreach (var check in group)
                {
                    check.Observe(batch);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private void Calibrate(RowBatch batch)
    {
        for (var i = 0; i < _checks.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _checks[i].Observe(batch);
            _ticks[i] += Stopwatch.GetTimestamp() - start;
        }

        if (++_batches == CalibrationBatches)
        {
            _groups = Deal(_ticks, _checks, _workers);
        }
    }

    /// <summary>Longest-processing-time-first: each check, slowest first, goes to the group with the least work so far.</summary>
    internal static Check[][] Deal(long[] cost, Check[] checks, int workers)
    {
        var load = new long[workers];
        var groups = Enumerable.Range(0, workers).Select(_ => new List<Check>()).ToArray();
        foreach (var i in Enumerable.Range(0, checks.Length).OrderByDescending(i => cost[i]).ThenBy(i => i))
        {
            var lightest = Array.IndexOf(load, load.Min());
            groups[lightest].Add(checks[i]);
            load[lightest] += Math.Max(1, cost[i]);
        }

        return groups.Where(g => g.Count > 0).Select(g => g.ToArray()).ToArray();
    }
}
