using MlOps.Gates.Config;
using MlOps.Gates.Running;

namespace MlOps.Gates.Kinds;

/// <summary>What a gate kind's run is given: the clock, where progress goes, the registry (for baselines) and cancellation.</summary>
public sealed record GateRunContext(TimeProvider Time, IProgress<RunProgress>? Progress, RegistrySettings? Registry, CancellationToken Cancellation);
