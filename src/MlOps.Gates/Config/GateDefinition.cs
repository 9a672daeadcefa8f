using MlOps.Gates.Results;

namespace MlOps.Gates.Config;

/// <summary>
/// A gate as the gates file declares it: immutable, so a front end derives another with <c>with</c> (a monitor's
/// recent data, a resolved baseline) instead of copying it field by field. Each gate type adds what it needs.
/// </summary>
public abstract record GateDefinition
{
    public required string Name { get; init; }

    public abstract string Type { get; }

    public SourceLocation? Location { get; init; }
}
