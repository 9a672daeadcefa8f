using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>The sample workflows parse and do what the README says: PR checks with write permissions, an approved release, a schedule.</summary>
public sealed class SampleWorkflowTests
{
    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", name))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    [Fact]
    public void The_pull_request_workflow_uses_the_action_with_write_permissions_for_comments_and_checks()
    {
        var workflow = Load("pull-request.yml");

        Assert.Equal("write", At(workflow, "permissions", "pull-requests").ToString());
        Assert.Equal("write", At(workflow, "permissions", "checks").ToString());
        var steps = ((YamlSequenceNode)At(workflow, "jobs", "gates", "steps")).Children.Cast<YamlMappingNode>().ToList();
        Assert.Contains(steps, s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString() == "./");
    }

    [Fact]
    public void The_release_workflow_promotes_to_production_only_in_an_approved_environment()
    {
        var workflow = Load("release.yml");

        Assert.Equal("production", At(workflow, "jobs", "production", "environment").ToString());
        Assert.Equal("staging", At(workflow, "jobs", "production", "needs").ToString());
        Assert.Contains("-p:MlOpsPromoteTo=staging", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "release.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_monitoring_workflow_runs_on_a_schedule_and_may_write_issues()
    {
        var workflow = Load("monitor.yml");

        Assert.NotEmpty(((YamlSequenceNode)At(workflow, "on", "schedule")).Children);
        Assert.Equal("write", At(workflow, "permissions", "issues").ToString());
    }

    [Theory]
    [InlineData("pull-request.yml")]
    [InlineData("release.yml")]
    [InlineData("monitor.yml")]
    [InlineData("../action.yml")]
    public void No_expression_is_interpolated_into_a_script(string name)
    {
        // ${{ }} in run: is pasted into the script before it runs: a branch named `$(curl evil)` would run. Values go
        // through env: instead.
        var root = Load(name);
        var scripts = Descendants(root).OfType<YamlMappingNode>()
            .Select(m => m.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? run.ToString() : null)
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.DoesNotContain("${{", script, StringComparison.Ordinal));
    }

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Values.SelectMany(Descendants).Prepend(map),
        YamlSequenceNode list => list.Children.SelectMany(Descendants).Prepend(list),
        _ => [node],
    };
}
