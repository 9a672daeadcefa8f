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
        Assert.Superset(new HashSet<string> { "config", "version", "working-directory", "fail-on", "comment", "check-run", "annotations", "token" }, declared);
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
    public void The_tool_version_is_pinned_and_the_outputs_come_from_the_gates_step()
    {
        var version = ((YamlScalarNode)Map(Map(Action, "inputs"), "version").Children[new YamlScalarNode("default")]).Value!;
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version);
        var install = Steps().First();
        Assert.Contains("--version \"$MLOPS_GATES_VERSION\"", ((YamlScalarNode)install.Children[new YamlScalarNode("run")]).Value, StringComparison.Ordinal);
        foreach (var output in new[] { "status", "failed", "report-dir" })
        {
            Assert.Equal($"${{{{ steps.gates.outputs.{output} }}}}", ((YamlScalarNode)Map(Map(Action, "outputs"), output).Children[new YamlScalarNode("value")]).Value);
        }
    }

    [GeneratedRegex(@"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex InputReference();
}
