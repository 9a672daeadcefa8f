using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MlOps.Gates.Config;
using MlOps.Gates.Reporting;

namespace MlOps.Gates.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Hostile = "plan\nbasic\n<script>alert(1)</script>\na|b\n@team *bold* [x](y)\n";

    private Results.RunResult HostileRun() => Gates.Run(_dir, Hostile, "- expect: in_set\n  column: plan\n  values: [basic]");

    [Fact]
    public void Markdown_escapes_data_values_so_they_cannot_break_tables_inject_html_or_mention()
    {
        var md = new ReportRenderer().RenderMarkdown(HostileRun());

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", md, StringComparison.Ordinal);
        Assert.DoesNotContain("a|b", md, StringComparison.Ordinal);
        Assert.DoesNotContain("@team", md, StringComparison.Ordinal);
        Assert.StartsWith("<!-- mlops-gates-report -->", md, StringComparison.Ordinal);
        foreach (var line in md.Split('\n').Where(l => l.StartsWith('|')))
        {
            var cells = line.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(c => c == '|');
            Assert.True(cells is 5 or 4 or 7 or 6, line);
        }
    }

    [Fact]
    public void Html_is_self_contained_and_escapes_values()
    {
        var html = new ReportRenderer().Render(TemplateNames.Html, HostileRun());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_documented_stable_fields()
    {
        using var doc = JsonDocument.Parse(new ReportRenderer().Render(TemplateNames.Json, HostileRun()));
        var root = doc.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("failed", root.GetProperty("status").GetString());
        var check = root.GetProperty("gates")[0].GetProperty("checks")[0];
        Assert.Equal("in_set(plan)", check.GetProperty("id").GetString());
        Assert.Equal("MLG2010", check.GetProperty("code").GetString());
        Assert.Equal(3, check.GetProperty("unexpectedCount").GetInt64());
        Assert.Equal("<script>alert(1)</script>", check.GetProperty("partialUnexpected")[0].GetProperty("value").GetString());
        Assert.Equal(3, check.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Junit_is_well_formed_with_a_test_case_per_check()
    {
        var run = Gates.Run(_dir, Hostile, "- expect: in_set\n  column: plan\n  values: [basic]\n- expect: row_count_between\n  min: 1");
        var xml = XDocument.Parse(new ReportRenderer().Render(TemplateNames.JUnit, run));

        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(2, cases.Count);
        Assert.Single(xml.Descendants("failure"));
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public void Markdown_stays_within_the_pr_comment_budget()
    {
        var rows = new StringBuilder("x\n");
        for (var i = 0; i < 3000; i++)
        {
            rows.Append("value-").Append(i).Append('\n');
        }

        var checks = string.Join('\n', Enumerable.Range(0, 400).Select(i => $"- expect: in_set\n  id: check-{i}-{new string('n', 100)}\n  column: x\n  values: [none]"));
        var md = new ReportRenderer().RenderMarkdown(Gates.Run(_dir, rows.ToString(), checks));

        Assert.True(Encoding.UTF8.GetByteCount(md) <= ReportRenderer.MarkdownBudgetBytes);
        Assert.Contains("MlOps.Gates: failed", md, StringComparison.Ordinal);
    }

    [Fact]
    public void User_templates_override_the_built_in_ones_and_errors_point_at_them()
    {
        _dir.Write("templates/report.md.scriban", "custom {{ run.gates.size }} gate(s)");
        var run = HostileRun();

        Assert.Equal("custom 1 gate(s)", new ReportRenderer(Path.Combine(_dir.Path, "templates")).Render(TemplateNames.Markdown, run));

        _dir.Write("templates/report.md.scriban", "line one\n{{ for x in }}");
        var error = Assert.Throws<GatesInputException>(() => new ReportRenderer(Path.Combine(_dir.Path, "templates")).Render(TemplateNames.Markdown, run));
        Assert.Equal("MLG8001", error.Errors[0].Code);
        Assert.Equal(2, error.Errors[0].Location!.Line);
    }

    [Fact]
    public void Reports_are_written_atomically_to_the_folder()
    {
        var written = ReportWriter.Write(HostileRun(), new ReportSettings(), Path.Combine(_dir.Path, "out"));

        Assert.Equal(["report.md", "report.html", "report.json", "junit.xml"], written.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Path, "out"), "*.tmp"));
    }
}
