using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    private string Config(string csv, string checks)
    {
        _dir.Write("data.csv", csv);
        return _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n" + string.Join('\n', checks.Split('\n').Select(l => "      " + l)) + "\n");
    }

    [Fact]
    public void Run_exits_0_when_gates_pass_and_writes_all_four_reports()
    {
        var config = Config("x\n1\n2\n", "- expect: between\n  column: x\n  min: 0\n  max: 5");
        var reports = Path.Combine(_dir.Path, "reports");

        var (exit, output, _) = Run("run", "--config", config, "--report-dir", reports, "--no-progress");

        Assert.Equal(0, exit);
        Assert.Contains("mlops-gates: passed", output, StringComparison.Ordinal);
        Assert.Equal(["junit.xml", "report.html", "report.json", "report.md"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Run_exits_1_on_a_failed_check_and_prints_msbuild_canonical_errors_with_full_paths()
    {
        var config = Config("x\n1\n9\n", "- expect: between\n  column: x\n  max: 5");

        var (exit, output, _) = Run("run", "-c", config, "-r", Path.Combine(_dir.Path, "r"), "--log-format", "msbuild", "--no-progress");

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine(_dir.Path, "data.csv")}(3,1): error MLG2009: g: between(x):", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_warning_turns_warnings_into_a_failure()
    {
        var config = Config("x\n1\n9\n", "- expect: between\n  column: x\n  max: 5\n  severity: warning");
        var reports = Path.Combine(_dir.Path, "r");

        Assert.Equal(0, Run("run", "-c", config, "-r", reports, "--no-progress").Exit);
        var (exit, output, _) = Run("run", "-c", config, "-r", reports, "--no-progress", "--fail-on", "warning");
        Assert.Equal(1, exit);
        Assert.Contains("error MLG0005", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_config_exits_2_with_the_config_position_and_writes_no_reports()
    {
        var config = Config("x\n1\n", "- expect: between\n  column: x\n  maxx: 5");
        var reports = Path.Combine(_dir.Path, "r");

        var (exit, _, error) = Run("run", "-c", config, "-r", reports);

        Assert.Equal(2, exit);
        Assert.Contains("mlops-gates.yml(7,9): error MLG1002", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(reports));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_data_exits_2_naming_file_and_line()
    {
        var config = Config("x,y\n1,2\n3\n", "- expect: not_null\n  column: x");

        var (exit, _, error) = Run("run", "-c", config, "-r", Path.Combine(_dir.Path, "r"));

        Assert.Equal(2, exit);
        Assert.Contains("data.csv(3,1): error MLG3004", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--bogus")]
    [InlineData("check", "data.csv")]
    [InlineData("frobnicate")]
    [InlineData("run", "--fail-on", "sometimes")]
    public void Bad_usage_exits_2(params string[] args) => Assert.Equal(2, Run(args).Exit);

    [Fact]
    public void Help_is_available_on_every_command()
    {
        foreach (var command in new[] { "run", "check", "profile" })
        {
            var (exit, output, _) = Run(command, "--help");
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stamp_skips_an_unchanged_passing_run_and_reruns_after_a_change()
    {
        var config = Config("x\n1\n", "- expect: not_null\n  column: x");
        var stamp = Path.Combine(_dir.Path, "obj", "gates.stamp");
        string[] args = ["run", "-c", config, "-r", Path.Combine(_dir.Path, "r"), "--stamp", stamp, "--no-progress"];

        Assert.DoesNotContain("up to date", Run(args).Out, StringComparison.Ordinal);
        Assert.Contains("up to date", Run(args).Out, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.Path, "data.csv"), File.ReadAllText(stamp + ".inputs"), StringComparison.Ordinal);
        _dir.Write("data.csv", "x\n\n");
        var (exit, output, _) = Run(args);
        Assert.Equal(1, exit);
        Assert.False(File.Exists(stamp));
        Assert.Equal(1, Run(args).Exit);
    }

    [Fact]
    public void Check_runs_a_suite_and_profile_writes_one_that_passes_on_its_own_data()
    {
        var data = _dir.Write("customers.csv", "id,age,plan,joined\n1,34,basic,2026-01-01\n2,41,pro,2026-02-01\n3,,basic,2026-03-01\n4,29,pro,2026-04-01\n");
        var suite = Path.Combine(_dir.Path, "suite.yml");

        var (profileExit, _, _) = Run("profile", data, "-o", suite);
        var (checkExit, output, error) = Run("check", data, "--suite", suite, "-r", Path.Combine(_dir.Path, "r"), "--no-progress");

        Assert.Equal(0, profileExit);
        var text = File.ReadAllText(suite);
        Assert.Contains("expect: unique", text, StringComparison.Ordinal);
        Assert.Contains("null_share_at_most", text, StringComparison.Ordinal);
        Assert.Contains("- basic", text, StringComparison.Ordinal);
        Assert.True(checkExit == 0, output + error);
        Assert.Contains($"reports in {Path.Combine(_dir.Path, "r")}", output, StringComparison.Ordinal);
        _dir.Write("customers.csv", "id,age,plan,joined\n1,34,gold,2026-01-01\n");
        Assert.Equal(1, Run("check", data, "--suite", suite, "-r", Path.Combine(_dir.Path, "r"), "--no-progress").Exit);
    }

    [Fact]
    public void Profile_writes_a_gx_suite_for_a_json_output_or_format_gx_that_check_runs_and_refuses_other_formats()
    {
        var data = _dir.Write("customers.csv", "id,age,plan\n1,34,basic\n2,41,pro\n3,,basic\n4,29,pro\n");
        var json = Path.Combine(_dir.Path, "suite.json");
        var stdout = Run("profile", data, "--format", "gx");

        Assert.Equal(0, Run("profile", data, "-o", json).Exit);
        Assert.Equal(0, stdout.Exit);
        Assert.Contains("\"type\": \"expect_column_values_to_be_unique\"", File.ReadAllText(json), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(json), stdout.Out);
        Assert.Equal(0, Run("check", data, "--suite", json, "-r", Path.Combine(_dir.Path, "r"), "--no-progress").Exit);
        var (exit, output, error) = Run("profile", data, "--format", "parquet");
        Assert.Equal(2, exit);
        Assert.Contains("--format 'parquet': expected yaml or gx", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_command_exits_1_on_dataset_drift_and_writes_the_documented_json()
    {
        var reference = _dir.Write("ref.csv", "id,x,c\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i},{i % 50},{(i % 3 == 0 ? "a" : "b")}")) + "\n");
        var current = _dir.Write("cur.csv", "id,x,c\n" + string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i},{(i % 50) + 30},c")) + "\n");
        var reports = Path.Combine(_dir.Path, "r");

        var (exit, output, error) = Run("drift", "--reference", reference, "--current", current, "--exclude", "id", "-r", reports, "--no-progress");

        Assert.True(exit == 1, output + error);
        Assert.Contains("error MLG4002", output, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "report.json")));
        var gate = json.RootElement.GetProperty("gates")[0];
        Assert.True(gate.GetProperty("datasetDrift").GetBoolean());
        Assert.Equal(1.0, gate.GetProperty("driftShare").GetDouble());
        var x = gate.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "x");
        Assert.Equal("ks", x.GetProperty("test").GetString());
        Assert.True(x.GetProperty("drifted").GetBoolean());
        Assert.True(x.GetProperty("pValue").GetDouble() < 0.05);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(reports, "report.html")), StringComparison.Ordinal);
        Assert.Matches("[▁▂▃▄▅▆▇█]{3,}", File.ReadAllText(Path.Combine(reports, "report.md")));

        Assert.Equal(2, Run("drift", "--reference", reference, "--current", current, "--stattest", "nope").Exit);
        Assert.Equal(2, Run("drift", "--reference", reference, "--current", current, "--column-test", "x").Exit);
        Run("drift", "--reference", reference, "--current", current, "--column-test", "x=psi:0.3", "--column-test", "c=tvd", "-r", reports, "--no-progress");
        using (var perColumn = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "report.json"))))
        {
            var columns = perColumn.RootElement.GetProperty("gates")[0].GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal("psi", columns["x"].GetProperty("test").GetString());
            Assert.Equal(0.3, columns["x"].GetProperty("threshold").GetDouble());
            Assert.Equal("tvd", columns["c"].GetProperty("test").GetString());
        }

        Assert.Equal(0, Run("drift", "--reference", reference, "--current", reference, "-r", reports, "--no-progress").Exit);
    }
}
