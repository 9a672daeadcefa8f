using System.Text.Json;
using System.Xml.Linq;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>Reports are never cut, and are replaced as a set or not at all.</summary>
public sealed class ReportSetTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WideCsv(int columns, int rows)
    {
        var random = new Random(7);
        var lines = new List<string> { string.Join(',', Enumerable.Range(0, columns).Select(c => $"c{c}")) };
        for (var r = 0; r < rows; r++)
        {
            lines.Add(string.Join(',', Enumerable.Range(0, columns).Select(_ => random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return _dir.Write("wide.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void Reports_over_one_mebibyte_are_whole_and_parse()
    {
        var data = WideCsv(400, 50);
        var suite = Path.Combine(_dir.Path, "suite.yml");
        var reports = Path.Combine(_dir.Path, "reports");
        Assert.Equal(0, Cli.Run("profile", data, "-o", suite).Exit);

        var (exit, _, error) = Cli.Run("check", data, "--suite", suite, "--report-dir", reports, "--no-progress");

        Assert.True(exit == 0, error);
        var json = File.ReadAllText(Path.Combine(reports, "report.json"));
        Assert.True(json.Length > 1024 * 1024, $"report.json is only {json.Length} characters; the test needs one over 1 MiB");
        using var document = JsonDocument.Parse(json);
        var checks = document.RootElement.GetProperty("gates")[0].GetProperty("checks").GetArrayLength();
        Assert.True(checks > 1000, $"{checks} checks");
        Assert.Equal(checks, document.RootElement.GetProperty("summary").GetProperty("checks").GetInt32());
        Assert.Equal(checks, XDocument.Load(Path.Combine(reports, "junit.xml")).Descendants("testcase").Count());
        Assert.EndsWith("</html>", File.ReadAllText(Path.Combine(reports, "report.html")).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_report_over_one_mebibyte_is_not_cut()
    {
        var rows = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"value-{i}-{new string('v', 40)}"));
        _dir.Write("data.csv", "x\n" + rows + "\n");
        var checks = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"      - {{expect: in_set, column: x, values: [none], id: c{i}-{new string('n', 200)}}}"));
        var config = _dir.Write("mlops-gates.yml", $"gates:\n  - name: g\n    dataset: {{path: data.csv}}\n    checks:\n{checks}\n");
        var reports = Path.Combine(_dir.Path, "reports");

        var (exit, _, _) = Cli.Run("run", "-c", config, "-r", reports, "--no-progress");

        Assert.Equal(1, exit);
        var html = File.ReadAllText(Path.Combine(reports, "report.html"));
        Assert.True(html.Length > 1024 * 1024, $"report.html is only {html.Length} characters");
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("...", html[^2000..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_that_fills_while_reports_are_written_keeps_the_previous_set_whole()
    {
        using var disk = Mount.Small(kilobytes: 400);
        var reports = Path.Combine(disk.Path, "reports");
        _dir.Write("data.csv", "x\n1\n2\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: between, column: x, min: 0, max: 5}\n");
        Assert.Equal(0, Cli.Run("run", "-c", config, "-r", reports, "--no-progress").Exit);
        var before = Directory.GetFiles(reports).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // A second run whose reports cannot fit: 300 failing checks with long ids.
        _dir.Write("data.csv", "x\n" + string.Join('\n', Enumerable.Range(0, 100).Select(i => $"bad-{i}")) + "\n");
        var checks = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"      - {{expect: in_set, column: x, values: [none], id: c{i}-{new string('n', 100)}}}"));
        _dir.Write("mlops-gates.yml", $"gates:\n  - name: g\n    dataset: {{path: data.csv}}\n    checks:\n{checks}\n");
        var (exit, _, error) = Cli.Run("run", "-c", config, "-r", reports, "--no-progress");

        Assert.Equal(2, exit);
        Assert.Contains("MLG8002", error, StringComparison.Ordinal);
        Assert.Contains("the disk is full", error, StringComparison.Ordinal);
        Assert.Contains("left as they were", error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(reports).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
    }
}
