using System.Reflection;
using System.Runtime.InteropServices;

namespace MlOps.Gates.Registry;

/// <summary>
/// What a version was built and judged with, so it can be rebuilt: the operating system, the .NET runtime, the
/// versions of MlOps.Gates, ML.NET and ONNX Runtime, the SHA-256 of the project's <c>packages.lock.json</c> when
/// there is one, and the training seeds given as params (any param whose name has "seed" in it).
/// </summary>
public static class ReproducibilityRecord
{
    /// <param name="folder">Where the build runs (the gates file's folder): its <c>packages.lock.json</c> is hashed.</param>
    public static IReadOnlyDictionary<string, string> Capture(string folder, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var record = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["os"] = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["mlops_gates"] = Running.GateRunner.ToolVersion,
            ["ml_net"] = Version(() => typeof(Microsoft.ML.MLContext).Assembly),
            ["onnxruntime"] = Version(() => typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly),
        };
        var lockFile = Path.Combine(folder, "packages.lock.json");
        if (File.Exists(lockFile))
        {
            record["packages_lock_sha256"] = FileHash.Sha256(lockFile).Hash;
        }

        foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
        {
            if (key.Contains("seed", StringComparison.OrdinalIgnoreCase))
            {
                record["seed." + key] = value;
            }
        }

        return record;
    }

    /// <summary>An assembly's version; "not installed" when it cannot load (a layout that leaves ONNX Runtime out), never a failed registration.</summary>
    internal static string Version(Func<Assembly> load)
    {
        try
        {
            var assembly = load();
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown";
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return "not installed";
        }
    }
}
