using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MlOps.Gates.Cli;

/// <summary>
/// Finds native libraries the CLI was shipped without. The MlOps.Gates package holds ML.NET's once, in cli/runtimes/,
/// for both builds of the CLI beside it. It leaves out ONNX Runtime's (about 130 MB
/// across platforms): an ONNX model loads it from the Microsoft.ML.OnnxRuntime package in a NuGet packages folder
/// (the project's own reference, or MlOps.Gates.Onnx's), the version the CLI was built with or a newer one, since ONNX
/// Runtime's C API serves older clients.
/// </summary>
internal static class NativeLibraries
{
    public const string PackageRootsVariable = "MLOPS_GATES_PACKAGE_ROOTS";

    public static void Register(Func<string, string?> variables) =>
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) => Resolve(assembly, name, variables);

    private static IntPtr Resolve(Assembly assembly, string name, Func<string, string?> variables)
    {
        var shared = Path.Combine(AppContext.BaseDirectory, "..", "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        IEnumerable<string> directories = name.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase) ? Candidates(assembly, variables).Prepend(shared) : [shared];
        foreach (var directory in directories)
        {
            foreach (var file in FileNames(name))
            {
                var path = Path.Combine(directory, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>runtimes/RID/native of every Microsoft.ML.OnnxRuntime at the wanted version or newer, the wanted one first.</summary>
    private static IEnumerable<string> Candidates(Assembly assembly, Func<string, string?> variables)
    {
        var wanted = assembly.GetName().Version is { } v ? new Version(v.Major, v.Minor, Math.Max(v.Build, 0)) : new Version(0, 0);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var roots = (variables(PackageRootsVariable) ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(variables("NUGET_PACKAGES"))
            .Append(home.Length > 0 ? Path.Combine(home, ".nuget", "packages") : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var package = Path.Combine(root, "microsoft.ml.onnxruntime");
            if (!Directory.Exists(package))
            {
                continue;
            }

            var versions = Directory.GetDirectories(package)
                .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var parsed) ? parsed : null))
                .Where(d => d.Version is not null && d.Version >= wanted)
                .OrderBy(d => d.Version == wanted ? 0 : 1)
                .ThenByDescending(d => d.Version);
            foreach (var (directory, _) in versions)
            {
                yield return Path.Combine(directory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
            }
        }
    }

    private static IEnumerable<string> FileNames(string name) =>
        OperatingSystem.IsWindows() ? [name, name + ".dll"]
        : OperatingSystem.IsMacOS() ? ["lib" + name + ".dylib", name + ".dylib", name]
        : ["lib" + name + ".so", name + ".so", name];
}
