namespace MlOps.Gates.Results;

/// <summary>The verdict of a check, a gate or a whole run, from best to worst.</summary>
public enum GateStatus
{
    Passed,
    Skipped,
    Warning,
    Failed,
}
