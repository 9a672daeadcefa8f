using MlOps.Gates.MSBuild.Tests.Runner;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// The action used from another repository as <c>uses: owner/mlops-gates@ref</c>, run the way a runner runs it, with no
/// feed holding the tool: it builds the tool from its own checkout, caches it, and gates a project in a subfolder.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class ActionRunTests(RepositoryCopy repository) : IDisposable
{
    private const string ActionRef = "mlops-gates/mlops-gates@0123456789abcdef0123456789abcdef01234567";

    private readonly MlOps.Gates.Tests.TempDir _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Without_a_published_tool_the_action_builds_it_from_its_checkout_caches_it_and_annotates_at_repository_paths()
    {
        var user = Path.Combine(_root.Path, "user");
        var origin = Path.Combine(_root.Path, "user.git");
        Directory.CreateDirectory(Path.Combine(user, "ml", "churn"));
        Directory.CreateDirectory(Path.Combine(user, ".github", "workflows"));
        File.WriteAllText(Path.Combine(user, "ml", "churn", "mlops-gates.yml"), """
            gates:
              - name: customers
                dataset: {path: data.csv}
                checks:
                  - {expect: between, column: age, min: 0, max: 120}
            """);
        File.WriteAllText(Path.Combine(user, "ml", "churn", "data.csv"), "id,age\n1,30\n2,40\n");
        var workflow = Path.Combine(user, ".github", "workflows", "gates.yml");
        File.WriteAllText(workflow, $$$"""
            on: pull_request
            jobs:
              gates:
                runs-on: ubuntu-latest
                outputs:
                  status: ${{ steps.gates.outputs.status }}
                  version: ${{ steps.gates.outputs.version }}
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                  - id: gates
                    uses: {{{ActionRef}}}
                    with:
                      working-directory: ml/churn
                      comment: "false"
            """);
        RepositoryCopy.Must(_root.Path, "init", "--quiet", "--initial-branch=main", user);
        RepositoryCopy.Must(user, "add", "--all");
        RepositoryCopy.Must(user, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "gates");
        RepositoryCopy.Must(_root.Path, "clone", "--quiet", "--bare", user, origin);
        // A cache of its own: the workflow tests beside it save the same tool under the same key, and this test is about
        // the first run building it.
        var cacheStore = Directory.CreateDirectory(Path.Combine(_root.Path, "cache-store")).FullName;
        var runner = new SimulatedRunner(Path.Combine(_root.Path, "runner"), origin, cacheStore, new Dictionary<string, string> { [ActionRef] = repository.Source });

        var first = runner.Run(workflow, "gates", "main");
        File.WriteAllText(Path.Combine(user, "ml", "churn", "data.csv"), "id,age\n1,30\n2,400\n");
        RepositoryCopy.Must(user, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-am", "bad age");
        RepositoryCopy.Must(user, "push", "--quiet", origin, "main");
        var second = runner.Run(workflow, "gates", "main");

        Assert.True(first.Succeeded, first.Log);
        Assert.Contains($"MlOps.Gates.Tool {repository.Version} is on no configured feed", first.Log, StringComparison.Ordinal);
        Assert.Contains($"mlops-gates {repository.Version} built from the action's checkout", first.Log, StringComparison.Ordinal);
        Assert.Contains("cache: saved mlops-gates-tool-Linux-", first.Log, StringComparison.Ordinal);
        Assert.Equal("passed", first.Outputs["status"]);
        Assert.Equal(repository.Version, first.Outputs["version"]);
        Assert.Contains("customers", first.Summary, StringComparison.Ordinal);

        Assert.False(second.Succeeded, second.Log);
        Assert.Contains($"mlops-gates {repository.Version} restored from the cache", second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("building it from the action's checkout", second.Log, StringComparison.Ordinal);
        Assert.Contains("::error file=ml/churn/data.csv,line=3,col=3", second.Log, StringComparison.Ordinal);
        Assert.Equal("failed", second.Outputs["status"]);
        Assert.DoesNotContain("ghs_notARealToken", first.Log + second.Log, StringComparison.Ordinal);
    }
}
