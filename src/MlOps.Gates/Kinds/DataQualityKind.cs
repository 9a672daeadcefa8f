using MlOps.Gates.Config;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Kinds;

/// <summary>Expectations on a dataset; every gate on one dataset shares one pass over it.</summary>
/// <param name="checks">The check kinds its gates may use (default: <see cref="CheckCatalog.Default"/>).</param>
public sealed class DataQualityKind(CheckCatalog? checks = null) : IGateKind
{
    public CheckCatalog Checks { get; } = checks ?? CheckCatalog.Default;

    public IReadOnlyList<string> TypeNames { get; } = [DataQualityGate.TypeName, "quality", "data-quality", "expectations"];

    public GateDefinition? Read(GateReading gate) => GatesConfigLoader.ReadDataQuality(gate, Checks);

    public IReadOnlyList<GateResult> Run(IReadOnlyList<GateDefinition> gates, GateRunContext context)
    {
        var results = new Dictionary<GateDefinition, GateResult>(ReferenceEqualityComparer.Instance);
        foreach (var group in gates.Cast<DataQualityGate>().GroupBy(g => g.Dataset.Path, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var groupResults = DataQualityRunner.Run(members[0].Dataset, members, context.Time, context.Progress, context.Cancellation);
            for (var i = 0; i < members.Count; i++)
            {
                results[members[i]] = groupResults[i];
            }
        }

        return gates.Select(g => results[g]).ToList();
    }
}
