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

    /// <summary>
    /// The gate run on recent data in place of its own current data (a monitor's production logs): the dataset a
    /// data-quality gate checks, a drift gate's current side, an evaluate gate's labelled rows. Null when the kind has
    /// no such data.
    /// </summary>
    public virtual GateDefinition? OnRecentData(Data.DatasetOptions recent) => null;

    /// <summary>The files the gate reads; results carry them, so nothing after the run reaches back into the configuration.</summary>
    public virtual IReadOnlyList<GateInput> Inputs => [];
}
