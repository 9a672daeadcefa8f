using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// The composite action run the way a runner runs it: each step's script in bash with its <c>env</c> filled from the
/// inputs, installing the MlOps.Gates.Tool package packed from this repository through the <c>source</c> input.
/// </summary>
public sealed class ActionRunTests : IDisposable
{
    private readonly MlOps.Gates.Tests.TempDir _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_action_installs_the_tool_from_a_feed_runs_the_gates_and_fails_the_step_on_bad_data()
    {
        var repository = PackedPackage.FindRepositoryRoot();
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(_root.Path, "feed");
        var (packed, packOutput) = Dotnet.Run(repository, new Dictionary<string, string>(), "pack", Path.Combine(repository, "src", "MlOps.Gates.Cli"), "-c", "Release", $"-p:Version={version}", "-o", feed, "--nologo");
        Assert.True(packed == 0, packOutput);
        var workspace = Directory.CreateDirectory(Path.Combine(_root.Path, "workspace")).FullName;
        File.WriteAllText(Path.Combine(workspace, "mlops-gates.yml"), """
            gates:
              - name: customers
                dataset: {path: data.csv}
                checks:
                  - {expect: between, column: age, min: 0, max: 120}
            """);
        File.WriteAllText(Path.Combine(workspace, "data.csv"), "id,age\n1,30\n2,40\n");
        var inputs = new Dictionary<string, string> { ["version"] = version, ["source"] = feed, ["token"] = "not-a-real-token" };

        var install = RunStep(0, inputs, workspace);
        var passed = RunStep(1, inputs, workspace);
        var outputs = File.ReadAllText(Path.Combine(_root.Path, "output.txt"));
        File.WriteAllText(Path.Combine(workspace, "data.csv"), "id,age\n1,30\n2,400\n");
        var failed = RunStep(1, inputs, workspace);

        Assert.True(install.Exit == 0, install.Output);
        Assert.True(passed.Exit == 0, passed.Output);
        Assert.Contains("status=passed", outputs, StringComparison.Ordinal);
        Assert.Contains("customers", File.ReadAllText(Path.Combine(_root.Path, "summary.md")), StringComparison.Ordinal);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("::error file=data.csv,line=3,col=3", failed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", passed.Output + failed.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs one of the action's steps with the inputs (the rest at their defaults) as a runner would.</summary>
    private (int Exit, string Output) RunStep(int index, IReadOnlyDictionary<string, string> given, string workspace)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(PackedPackage.FindRepositoryRoot(), "action.yml"))));
        var action = (YamlMappingNode)stream.Documents[0].RootNode;
        var inputs = ((YamlMappingNode)action["inputs"]).Children.ToDictionary(
            i => ((YamlScalarNode)i.Key).Value!,
            i => given.GetValueOrDefault(((YamlScalarNode)i.Key).Value!) ?? (((YamlMappingNode)i.Value).Children.TryGetValue("default", out var d) ? ((YamlScalarNode)d).Value ?? string.Empty : string.Empty));
        string Expand(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", m => inputs[m.Groups[1].Value]);
        var step = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)action["runs"])["steps"])[index];
        Assert.Equal("bash", ((YamlScalarNode)step["shell"]).Value);
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_root.Path, "runner-temp")).FullName;
        var pathFile = Path.Combine(_root.Path, "path.txt");
        var extraPath = File.Exists(pathFile) ? string.Join(':', File.ReadAllLines(pathFile).Where(l => l.Length > 0)) : string.Empty;
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["RUNNER_TEMP"] = runnerTemp,
            ["GITHUB_PATH"] = pathFile,
            ["GITHUB_OUTPUT"] = Path.Combine(_root.Path, "output.txt"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_root.Path, "summary.md"),
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_REPOSITORY"] = "example/churn",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_API_URL"] = "http://127.0.0.1:9",
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_WORKSPACE"] = workspace,
            ["NUGET_PACKAGES"] = Path.Combine(_root.Path, "packages"),
            ["PATH"] = extraPath.Length == 0 ? Environment.GetEnvironmentVariable("PATH")! : extraPath + ":" + Environment.GetEnvironmentVariable("PATH"),
        };
        if (step.Children.TryGetValue("env", out var env))
        {
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
            {
                environment[((YamlScalarNode)key).Value!] = Expand(((YamlScalarNode)value).Value!);
            }
        }

        var directory = step.Children.TryGetValue("working-directory", out var wd) ? Path.Combine(workspace, Expand(((YamlScalarNode)wd).Value!)) : workspace;
        return Dotnet.RunProgram("bash", directory, environment, "--noprofile", "--norc", "-eo", "pipefail", "-c", ((YamlScalarNode)step["run"]).Value!);
    }
}
