using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>
/// After the gates: registers the artifact the run gated, with what the run found, and promotes it when asked and
/// when the policy allows. Nothing is registered when the gates failed; a refused promotion fails the run.
/// </summary>
public static class RegistryStep
{
    public static RunResult Apply(RunResult run, GatesConfig config, RegistrationRequest request)
    {
        var settings = config.Registry ?? throw new GatesInputException(ErrorCodes.BadUsage, "registering a model needs a 'registry' section in the gates file");
        var registry = settings.Open();
        try
        {
            return run.WithRegistry(Actions(run, config, settings, registry, request));
        }
        finally
        {
            (registry as IDisposable)?.Dispose();
        }
    }

    private static List<RegistryAction> Actions(RunResult run, GatesConfig config, RegistrySettings settings, IModelRegistry registry, RegistrationRequest request)
    {
        var where = registry.Location;
        if (run.Status == GateStatus.Failed)
        {
            return [new RegistryAction("register", request.Model, null, null, null, false, $"{request.Model} was not registered: the gates failed", where, ErrorCodes.GatesFailed)];
        }

        var provenance = new Provenance(config.Surroundings);
        var git = provenance.Git(config.BaseDirectory);
        var change = new ChangeInfo(provenance.Actor(), request.Reason, git?.Commit);

        // A rebuild that gates the same bytes again does not make a new version of them, nor hash the datasets again.
        var (hash, _) = FileHash.Sha256(request.ArtifactPath);
        var existing = registry.Models().Contains(request.Model) ? registry.Versions(request.Model).LastOrDefault(v => v.ArtifactSha256 == hash && !v.Archived) : null;
        var version = existing ?? registry.Register(
            request.Model,
            RegistrationBuilder.FromRun(run, config, request.ArtifactPath, git) with
            {
                Params = request.Params,
                Tags = request.Tags,
                Description = request.Description,
            },
            change);
        var actions = new List<RegistryAction>
        {
            existing is null
                ? new("register", request.Model, version.Version, null, null, true, Invariant($"registered {request.Model} version {version.Version} (SHA-256 {version.ArtifactSha256[..12]}…)"), where)
                : new("register", request.Model, version.Version, null, null, true, Invariant($"{request.Model} version {version.Version} already holds this artifact (SHA-256 {hash[..12]}…); not registered again"), where),
        };
        if (request.PromoteTo is { } alias)
        {
            try
            {
                var previous = new Promoter(registry, settings.Policies).Promote(request.Model, version.Version, alias, change);
                var was = previous is null ? string.Empty : Invariant($" (was version {previous})");
                actions.Add(new RegistryAction("promote", request.Model, version.Version, RegistryNames.Alias(alias), previous, true, Invariant($"promoted {request.Model} version {version.Version} to {RegistryNames.Alias(alias)}{was}"), where));
            }
            catch (GatesInputException e) when (e.Errors[0].Code is ErrorCodes.PromotionRefused or ErrorCodes.ArtifactChanged)
            {
                actions.Add(new RegistryAction("promote", request.Model, version.Version, RegistryNames.Alias(alias), null, false, e.Message, where, e.Errors[0].Code));
            }
        }

        return actions;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
