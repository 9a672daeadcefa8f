using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Kinds;

/// <summary>
/// One kind of gate: the names a gates file gives it in <c>type:</c>, how its definition is read from the gate's keys,
/// and how its gates run. The loader and the runner find kinds only through this; a new kind is one more of these.
/// </summary>
public interface IGateKind
{
    /// <summary>The names <c>type:</c> may give; the first is the one definitions and results carry.</summary>
    IReadOnlyList<string> TypeNames { get; }

    /// <summary>Reads the kind's own keys; null after reporting what is wrong through <paramref name="gate"/>.</summary>
    GateDefinition? Read(GateReading gate);

    /// <summary>Runs every gate of this kind in the file at once (gates over one dataset may share a pass), one result each, in order.</summary>
    IReadOnlyList<GateResult> Run(IReadOnlyList<GateDefinition> gates, GateRunContext context);

    /// <summary>
    /// The Scriban text of the kind's own section in a report, by name (<c>gate-TYPE.md</c>, <c>gate-TYPE.html</c>); null
    /// leaves the generic section of checks. A user's templates folder replaces it like any other template.
    /// </summary>
    string? ReportTemplate(string name) => null;
}
