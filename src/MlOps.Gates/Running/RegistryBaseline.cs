using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Running;

/// <summary>An evaluate gate's <c>registry:NAME@ALIAS</c> baseline, fetched to a temporary file for the run.</summary>
internal static class RegistryBaseline
{
    /// <summary>
    /// A registry baseline (<c>registry:NAME@ALIAS</c>) becomes the model file the alias points at, downloaded and
    /// verified; an alias that points nowhere yet means no baseline, which the rules treat as a first run.
    /// </summary>
    public static FetchedBaseline Fetch(EvaluateGate gate, RegistrySettings? settings)
    {
        if (gate.Baseline is not { Kind: ModelSourceKind.Registry, Registry: { } reference })
        {
            return new FetchedBaseline(gate, null, null);
        }

        if (settings is null)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"gate '{gate.Name}': the baseline {gate.Baseline.DisplayPath} needs a 'registry' section in the gates file", gate.Location);
        }

        var registry = settings.Open();
        try
        {
            var version = registry.Resolve(reference.Name, reference.Alias);
            if (version is null)
            {
                return new FetchedBaseline(gate with { Baseline = null }, null, $"{gate.Baseline.DisplayPath} (no version yet)");
            }

            var folder = Path.Combine(Path.GetTempPath(), "mlops-gates-baseline-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, version.ArtifactFileName);
            registry.Download(reference.Name, version.Version, file);
            var description = string.Create(CultureInfo.InvariantCulture, $"{gate.Baseline.DisplayPath} (version {version.Version})");
            return new FetchedBaseline(gate with { Baseline = new ModelSource(ModelSourceKind.ModelFile, file, description) }, folder, description);
        }
        finally
        {
            (registry as IDisposable)?.Dispose();
        }
    }

    internal sealed record FetchedBaseline(EvaluateGate Gate, string? Folder, string? Description) : IDisposable
    {
        public void Dispose()
        {
            if (Folder is not null && Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }
}
