using MlOps.Gates.Results;

namespace MlOps.Gates.Config;

/// <summary>A gate as the gates file declares it. Each gate type adds what it needs.</summary>
public abstract class GateDefinition
{
    public required string Name { get; init; }

    public abstract string Type { get; }

    public SourceLocation? Location { get; init; }
}
