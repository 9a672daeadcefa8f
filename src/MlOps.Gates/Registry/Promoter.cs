using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Registry;

/// <summary>
/// Promotes a version to an alias only when its policy is met and its artifact is intact, and says every reason it
/// refuses; rolls an alias back to its previous holder in one step.
/// </summary>
public sealed class Promoter(IModelRegistry registry, IReadOnlyDictionary<string, PromotionPolicy> policies, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Why the version may not hold the alias; empty when it may.</summary>
    public IReadOnlyList<string> Check(string name, int version, string alias)
    {
        alias = RegistryNames.Alias(alias);
        var record = registry.Get(name, version);
        var reasons = new List<string>();
        if (record.Archived)
        {
            reasons.Add($"version {version} is archived");
        }

        if (registry.Verify(name, version) is { } changed)
        {
            reasons.Add(changed);
        }

        if (!policies.TryGetValue(alias, out var policy))
        {
            return reasons;
        }

        if (policy.From is { } from && !record.Aliases.Contains(RegistryNames.Alias(from)))
        {
            var holder = registry.Resolve(name, from);
            reasons.Add($"{alias} takes a version from {from}, and version {version} is not {from}{(holder is null ? $" (no version is {from})" : $" (version {holder.Version} is)")}");
        }

        foreach (var required in policy.RequireGates)
        {
            var gate = record.Gates.FirstOrDefault(g => g.Name == required.Gate && (required.Dataset is null || g.Datasets.Contains(required.Dataset)));
            if (gate is null)
            {
                var other = record.Gates.FirstOrDefault(g => g.Name == required.Gate);
                reasons.Add(other is null
                    ? $"the gate '{required.Gate}' has no result for version {version} (it was not run when the version was registered)"
                    : $"the gate '{required.Gate}' did not run on {required.Dataset} for version {version} (it ran on {string.Join(", ", other.Datasets)})");
                continue;
            }

            var passed = gate.Status == GateStatus.Passed || (policy.AllowWarnings && gate.Status == GateStatus.Warning);
            if (!passed)
            {
                reasons.Add($"the gate '{gate.Name}' {gate.Status.ToString().ToLowerInvariant()} for version {version}");
            }
        }

        if (policy.MaxAge is { } maxAge && _time.GetUtcNow() - record.Created > maxAge)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"version {version} was registered {(_time.GetUtcNow() - record.Created).TotalDays:0.#} days ago; {alias} takes versions at most {maxAge.TotalDays:0.#} days old"));
        }

        return reasons;
    }

    /// <summary>Promotes, or refuses with every reason; returns the previous holder.</summary>
    public int? Promote(string name, int version, string alias, ChangeInfo change)
    {
        var reasons = Check(name, version, alias);
        if (reasons.Count > 0)
        {
            throw new GatesInputException(ErrorCodes.PromotionRefused, $"{name} version {version} may not become {RegistryNames.Alias(alias)}: {string.Join("; ", reasons)}");
        }

        return registry.SetAlias(name, RegistryNames.Alias(alias), version, change);
    }
}
