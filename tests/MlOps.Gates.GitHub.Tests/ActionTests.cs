using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>The composite action as GitHub reads it: declared inputs, shells, a pinned tool version, no script injection.</summary>
public sealed partial class ActionTests
{
    private static readonly YamlMappingNode Action = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "action.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlMappingNode> Steps() => ((YamlSequenceNode)Map(Action, "runs").Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    [Fact]
    public void Every_input_the_action_reads_is_declared_and_every_declared_input_is_read()
    {
        var declared = Map(Action, "inputs").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "action.yml"));
        var used = InputReference().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Subset(declared, used);
        Assert.Superset(new HashSet<string> { "config", "version", "source", "install-only", "working-directory", "fail-on", "comment", "check-run", "annotations", "token" }, declared);
        Assert.Equal(declared.Order(), used.Order());
    }

    [Fact]
    public void It_is_a_composite_action_whose_run_steps_all_declare_a_shell_and_never_put_inputs_in_scripts()
    {
        Assert.Equal("composite", ((YamlScalarNode)Map(Action, "runs").Children[new YamlScalarNode("using")]).Value);
        foreach (var step in Steps().Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))))
        {
            Assert.True(step.Children.ContainsKey(new YamlScalarNode("shell")), $"step '{step.Children[new YamlScalarNode("name")]}' has no shell");
            var script = ((YamlScalarNode)step.Children[new YamlScalarNode("run")]).Value!;
            Assert.DoesNotContain("${{", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_tool_version_defaults_to_the_actions_own_and_the_outputs_come_from_the_gates_step()
    {
        // Empty means the ref the user pinned: build/action-locate.sh reads that checkout's VersionPrefix.
        Assert.Equal(string.Empty, ((YamlScalarNode)Map(Map(Action, "inputs"), "version").Children[new YamlScalarNode("default")]).Value);
        var locate = File.ReadAllText(Path.Combine(RepositoryRoot(), "build", "action-locate.sh"));
        Assert.Contains("<VersionPrefix>", locate, StringComparison.Ordinal);
        Assert.Matches(@"<VersionPrefix>\d+\.\d+\.\d+</VersionPrefix>", File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props")));
        var install = Steps().Single(s => ((YamlScalarNode)s.Children[new YamlScalarNode("name")]).Value == "Install mlops-gates");
        Assert.Equal("${{ steps.locate.outputs.version }}", ((YamlScalarNode)Map(install, "env").Children[new YamlScalarNode("MLOPS_GATES_VERSION")]).Value);
        foreach (var output in new[] { "status", "failed", "report-dir" })
        {
            Assert.Equal($"${{{{ steps.gates.outputs.{output} }}}}", ((YamlScalarNode)Map(Map(Action, "outputs"), output).Children[new YamlScalarNode("value")]).Value);
        }
    }

    [Theory]
    [InlineData("action.yml")]
    [InlineData("samples/workflows/pull-request.yml")]
    [InlineData("samples/workflows/release.yml")]
    [InlineData("samples/workflows/rollback.yml")]
    [InlineData("samples/workflows/monitor.yml")]
    public void Third_party_actions_are_pinned_to_a_full_commit_with_the_tag_beside_it(string file)
    {
        var uses = File.ReadAllLines(Path.Combine(RepositoryRoot(), file))
            .Select(l => l.Trim().TrimStart('-').Trim())
            .Where(l => l.StartsWith("uses:", StringComparison.Ordinal))
            .Select(l => l["uses:".Length..].Trim())
            .Where(u => !u.StartsWith("./", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(@"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", u));
    }

    private static string RepositoryRoot() => MlOps.Gates.Tests.Repository.Root;

    [GeneratedRegex(@"\binputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex InputReference();
}
