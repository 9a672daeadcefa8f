using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Kinds;

/// <summary>A model's metrics against thresholds and against the model in production.</summary>
internal sealed class EvaluateKind : EachGateKind<EvaluateGate>
{
    public override IReadOnlyList<string> TypeNames { get; } = [EvaluateGate.TypeName];

    public override GateDefinition? Read(GateReading gate) =>
        EvaluateGateReader.Read(gate.Map, gate.Name, gate.Datasets, gate.BaseDirectory, gate.Diagnostics, gate.Context);

    protected override GateResult Run(EvaluateGate gate, GateRunContext context) => EvaluateRunner.Run(gate, context.Progress, context.Registry, context.Cancellation);
}
