using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Kinds;

/// <summary>A kind whose gates run one after another, each on its own.</summary>
internal abstract class EachGateKind<TGate> : IGateKind
    where TGate : GateDefinition
{
    public abstract IReadOnlyList<string> TypeNames { get; }

    public abstract GateDefinition? Read(GateReading gate);

    public IReadOnlyList<GateResult> Run(IReadOnlyList<GateDefinition> gates, GateRunContext context) =>
        gates.Cast<TGate>().Select(g =>
        {
            context.Cancellation.ThrowIfCancellationRequested();
            return Run(g, context);
        }).ToList();

    protected abstract GateResult Run(TGate gate, GateRunContext context);
}
