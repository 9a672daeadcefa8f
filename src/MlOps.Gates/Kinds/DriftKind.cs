using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Kinds;

/// <summary>Reference against current data, column by column.</summary>
internal sealed class DriftKind : EachGateKind<DriftGate>
{
    public override IReadOnlyList<string> TypeNames { get; } = [DriftGate.TypeName];

    public override GateDefinition? Read(GateReading gate) =>
        DriftGateReader.Read(gate.Map, gate.Name, gate.Datasets, gate.BaseDirectory, gate.Diagnostics, gate.Context);

    protected override GateResult Run(DriftGate gate, GateRunContext context) => DriftRunner.Run(gate, context.Progress, context.Cancellation);
}
