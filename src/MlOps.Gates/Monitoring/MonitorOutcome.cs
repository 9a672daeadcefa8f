using MlOps.Gates.Results;

namespace MlOps.Gates.Monitoring;

/// <summary>One monitoring run: the gates' results, the state to keep, and the gates whose failure has persisted long enough to raise.</summary>
public sealed record MonitorOutcome(RunResult Run, MonitorState State, IReadOnlyList<string> Persisting)
{
    /// <summary>How many runs in a row the gate has failed, this one included.</summary>
    public int ConsecutiveFailures(string gate) => State.For(gate).ConsecutiveFailures;
}
