using System.Diagnostics;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>Gates files built to hurt: alias bombs, deep nesting, unclosed collections, empty files.</summary>
public sealed class HostileGatesFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Out, string Err) Run(string yaml) =>
        Cli.Run("run", "-c", _dir.Write("mlops-gates.yml", yaml), "-r", Path.Combine(_dir.Path, "reports"), "--no-progress");

    [Fact]
    public void A_billion_laughs_alias_bomb_is_refused_at_its_alias_in_well_under_a_second()
    {
        var lines = new List<string> { "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]" };
        for (var level = 1; level < 9; level++)
        {
            var name = (char)('a' + level);
            var previous = (char)(name - 1);
            lines.Add($"{name}: &{name} [{string.Join(',', Enumerable.Repeat("*" + previous, 9))}]");
        }

        lines.Add("gates:\n  - name: x\n    checks: *i");
        var clock = Stopwatch.StartNew();

        var (exit, _, error) = Run(string.Join('\n', lines) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains("mlops-gates.yml(6,", error, StringComparison.Ordinal);
        Assert.Contains("error MLG1001: invalid YAML: aliases here would expand to more than 100,000 nodes", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Deep_nesting_is_refused_with_its_position()
    {
        var (exit, _, error) = Run("gates: " + new string('[', 5000) + new string(']', 5000) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains("mlops-gates.yml(1,", error, StringComparison.Ordinal);
        Assert.Contains("MLG1001: invalid YAML: collections nest more than 64 levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_flow_mapping_is_a_positioned_yaml_error_not_an_internal_one()
    {
        var (exit, _, error) = Run("datasets:\n  x: {path: g.csv\ngates:\n  - name: a\n");

        Assert.Equal(2, exit);
        Assert.Contains("mlops-gates.yml(2,6): error MLG1001:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("MLG9001", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n# only a comment\n")]
    public void An_empty_gates_file_has_a_gates_file_code(string text)
    {
        var (exit, _, error) = Run(text);

        Assert.Equal(2, exit);
        Assert.Contains("mlops-gates.yml(1,1): error MLG1011:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_where_it_is()
    {
        var (exit, _, error) = Run("gates:\n  - name: a\n\t  type: drift\n");

        Assert.Equal(2, exit);
        Assert.Matches(@"mlops-gates\.yml\((2|3),\d+\): error MLG1001: invalid YAML: .*tab", error);
    }
}
