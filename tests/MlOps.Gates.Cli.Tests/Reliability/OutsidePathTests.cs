using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>A gates file reads inside its repository unless it says allow_outside: true.</summary>
public sealed class OutsidePathTests : IDisposable
{
    private readonly TempDir _dir = new();

    public OutsidePathTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "repo", ".git"));
        _dir.Write("secret.csv", "a\nsecret-value\n");
        _dir.Write("repo/ml/data.csv", "a\n1\n");
    }

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Out, string Err) Run(string dataPath, string top = "")
    {
        var config = _dir.Write("repo/ml/mlops-gates.yml", $"{top}gates:\n  - name: g\n    dataset: {{path: {dataPath}}}\n    checks:\n      - {{expect: in_set, column: a, values: ['1']}}\n");
        return Cli.Run("run", "-c", config, "-r", Path.Combine(_dir.Path, "reports"), "--no-progress");
    }

    [Fact]
    public void A_path_that_leaves_the_repository_is_refused_at_its_place()
    {
        var (exit, _, error) = Run("../../secret.csv");

        Assert.Equal(2, exit);
        Assert.Matches(@"mlops-gates\.yml\(3,\d+\): error MLG1012:", error);
        Assert.Contains("outside the repository", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    public void A_link_inside_that_points_outside_is_refused_too()
    {
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "repo", "ml", "link.csv"), Path.Combine(_dir.Path, "secret.csv"));

        var (exit, _, error) = Run("link.csv");

        Assert.Equal(2, exit);
        Assert.Contains("MLG1012", error, StringComparison.Ordinal);
        Assert.Contains("links to", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_elsewhere_in_the_repository_and_stated_outside_paths_are_read()
    {
        _dir.Write("repo/shared/data.csv", "a\n1\n");

        Assert.Equal(0, Run("../shared/data.csv").Exit);
        Assert.Equal(1, Run("../../secret.csv", "allow_outside: true\n").Exit);
    }
}
