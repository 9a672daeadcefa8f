namespace MlOps.Gates.Results;

/// <summary>How much a failed check matters: an error fails the gate, a warning only reports.</summary>
public enum Severity
{
    Error,
    Warning,
}
