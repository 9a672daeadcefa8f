using MlOps.Gates.Tests;
using Xunit.Abstractions;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// What a restore of the package downloads, measured into an empty packages folder; ONNX models through the opt-in
/// MlOps.Gates.Onnx package, and a clear error without it; the packed CLI on a .NET 8 runtime.
/// </summary>
[Collection("package")]
public sealed class PackageWeightTests(PackedPackage package, ITestOutputHelper output) : IDisposable
{
    private const long MaximumDownload = 40L * 1024 * 1024;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Project(string name, string packages, string gates)
    {
        var project = Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName;
        File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {packages}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "namespace P; public static class Class1 { }\n");
        File.WriteAllText(Path.Combine(project, "mlops-gates.yml"), gates);
        return project;
    }

    private static string NuGetConfig(string feed, string? fallback) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="test-feed" value="{feed}" />
          </packageSources>
          {(fallback is null ? string.Empty : $"<fallbackPackageFolders><add key=\"user-cache\" value=\"{fallback}\" /></fallbackPackageFolders>")}
        </configuration>
        """;

    private static string DotnetOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("no dotnet on PATH");

    private static string UserCache => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public void A_restore_for_one_platform_downloads_at_most_40_MB()
    {
        var project = Project("Weighed", $"<PackageReference Include=\"MlOps.Gates\" Version=\"{package.Version}\" PrivateAssets=\"all\" />", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: not_null, column: x}\n");
        File.WriteAllText(Path.Combine(project, "data.csv"), "x\n1\n");
        File.WriteAllText(Path.Combine(project, "nuget.config"), NuGetConfig(package.Feed, fallback: null));
        var empty = Directory.CreateDirectory(Path.Combine(_dir.Path, "empty-packages")).FullName;

        var (exit, built) = Dotnet.Run(project, new Dictionary<string, string> { ["NUGET_PACKAGES"] = empty }, "build", "--nologo", "--disable-build-servers");

        Assert.True(exit == 0, built);
        Assert.Contains("mlops-gates: passed", built, StringComparison.Ordinal);
        var downloaded = Directory.GetFiles(empty, "*.nupkg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var unpacked = Directory.GetFiles(empty, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"restore downloaded {downloaded / 1048576.0:0.0} MB ({unpacked / 1048576.0:0.0} MB in the packages folder)");
        Assert.True(downloaded <= MaximumDownload, $"restore downloaded {downloaded:N0} bytes");
        Assert.Empty(Directory.GetFiles(empty, "*onnxruntime*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(empty, "*.pdb", SearchOption.AllDirectories).Concat(Directory.GetFiles(empty, "*.dbg", SearchOption.AllDirectories)));
        var cli = Path.Combine(empty, "mlops.gates", package.Version, "cli");
        Assert.Equal(["net10.0", "net8.0", "runtimes"], Directory.GetDirectories(cli).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var build in new[] { "net8.0", "net10.0" })
        {
            var runtimes = Path.Combine(cli, build, "runtimes");
            Assert.False(Directory.Exists(runtimes) && Directory.GetDirectories(runtimes, "native", SearchOption.AllDirectories).Length > 0, $"{build} carries native libraries of its own");
        }

        Assert.True(File.Exists(Path.Combine(cli, "runtimes", "linux-x64", "native", "lib_lightgbm.so")));
    }

    [Fact]
    public void An_onnx_model_is_evaluated_with_MlOps_Gates_Onnx_and_named_as_missing_without_it()
    {
        var models = new TempDir();
        try
        {
            var train = TrainedModels.Write(models, "train.csv", 400, 1);
            var (_, onnx) = TrainedModels.BinaryWithOnnx(models, train);
            var gates = $"""
                gates:
                  - name: onnx-model
                    type: evaluate
                    model: model.onnx
                    data: holdout.csv
                    label: Churned
                    metrics:
                      accuracy: 0.5
                """;
            var withOnnx = Project("WithOnnx", $"""
                <PackageReference Include="MlOps.Gates" Version="{package.Version}" PrivateAssets="all" />
                <PackageReference Include="MlOps.Gates.Onnx" Version="{package.Version}" PrivateAssets="all" />
                """, gates);
            File.Copy(onnx, Path.Combine(withOnnx, "model.onnx"));
            File.Copy(TrainedModels.Write(models, "holdout.csv", 200, 2), Path.Combine(withOnnx, "holdout.csv"));
            File.WriteAllText(Path.Combine(withOnnx, "nuget.config"), NuGetConfig(package.Feed, UserCache));

            var (exit, built) = Dotnet.Run(withOnnx, package.Environment, "build", "--nologo", "--disable-build-servers", "-v:n");

            Assert.True(exit == 0, built);
            Assert.Contains("mlops-gates: evaluated onnx-model: accuracy", built, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(withOnnx, "bin", "Debug", "net10.0", "Microsoft.ML.OnnxRuntime.dll")));

            // The packed CLI itself, where no packages folder holds ONNX Runtime: one clear error at the model.
            var cli = Path.Combine(package.Packages, "mlops.gates", package.Version, "cli", "net8.0", "mlops-gates.dll");
            var nowhere = Directory.CreateDirectory(Path.Combine(_dir.Path, "nowhere")).FullName;
            var (missing, missingOutput) = Dotnet.Run(withOnnx, new Dictionary<string, string> { ["HOME"] = nowhere, ["NUGET_PACKAGES"] = nowhere }, cli, "run", "--no-progress");
            Assert.Equal(2, missing);
            Assert.Contains("error MLG3021: model.onnx is an ONNX model, and ONNX Runtime's native library cannot be loaded: add the package MlOps.Gates.Onnx", missingOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("MLG9001", missingOutput, StringComparison.Ordinal);
        }
        finally
        {
            models.Dispose();
        }
    }

    [Fact]
    public void The_packed_cli_runs_on_a_dotnet_root_that_has_only_the_dotnet_8_runtime()
    {
        const string runtime = "8.0.34";
        var restore = Directory.CreateDirectory(Path.Combine(_dir.Path, "runtime8")).FullName;
        File.WriteAllText(Path.Combine(restore, "runtime8.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Runtime.linux-x64" Version="[{runtime}]" /></ItemGroup>
            </Project>
            """);
        var packages = Path.Combine(_dir.Path, "runtime8-packages");
        var (restored, restoreOutput) = Dotnet.Run(restore, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages }, "restore", "--nologo");
        Assert.True(restored == 0, restoreOutput);
        var pack = Path.Combine(packages, "microsoft.netcore.app.runtime.linux-x64", runtime, "runtimes", "linux-x64");

        // A dotnet root as an installer lays it out, with the .NET 8 host resolver and shared framework and nothing newer.
        var root = Path.Combine(_dir.Path, "dotnet8");
        var framework = Directory.CreateDirectory(Path.Combine(root, "shared", "Microsoft.NETCore.App", runtime)).FullName;
        var fxr = Directory.CreateDirectory(Path.Combine(root, "host", "fxr", runtime)).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(pack, "lib", "net8.0")).Concat(Directory.GetFiles(Path.Combine(pack, "native"))))
        {
            File.Copy(file, Path.Combine(Path.GetFileName(file) == "libhostfxr.so" ? fxr : framework, Path.GetFileName(file)));
        }

        var muxer = Path.Combine(root, "dotnet");
        File.Copy(DotnetOnPath(), muxer);
        var cli = Path.Combine(package.Packages, "mlops.gates", package.Version, "cli", "net8.0", "mlops-gates.dll");
        if (!File.Exists(cli))
        {
            // The package is restored by the first build of the collection; this test may run before any.
            A_restore_for_one_platform_downloads_at_most_40_MB();
            cli = Directory.GetFiles(Path.Combine(_dir.Path, "empty-packages"), "mlops-gates.dll", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == "net8.0");
        }

        var work = Directory.CreateDirectory(Path.Combine(_dir.Path, "net8-work")).FullName;
        File.WriteAllText(Path.Combine(work, "data.csv"), "id,age\n1,30\n2,400\n");
        File.WriteAllText(Path.Combine(work, "suite.yml"), "checks:\n  - expect: between\n    column: age\n    min: 0\n    max: 120\n");
        var environment = new Dictionary<string, string> { ["DOTNET_ROOT"] = root, ["DOTNET_MULTILEVEL_LOOKUP"] = "0", ["COREHOST_TRACE"] = "1", ["COREHOST_TRACE_VERBOSITY"] = "3" };

        var (runtimes, listed) = Dotnet.RunProgram(muxer, work, environment, "--list-runtimes");
        var (exit, ran) = Dotnet.RunProgram(muxer, work, environment, cli, "check", "data.csv", "--suite", "suite.yml", "--no-progress");

        Assert.True(runtimes == 0, listed);
        Assert.Contains($"Microsoft.NETCore.App {runtime} [{Path.Combine(root, "shared", "Microsoft.NETCore.App")}]", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.NETCore.App 10.", listed, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine("shared", "Microsoft.NETCore.App", runtime)}", ran, StringComparison.Ordinal);
        Assert.Contains("data.csv(3,3): error MLG2009:", ran, StringComparison.Ordinal);
    }
}
