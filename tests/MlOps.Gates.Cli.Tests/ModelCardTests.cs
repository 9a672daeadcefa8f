using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary>
/// <c>registry card</c> for a version the churn sample's release run registers (its gates file, data and models, the
/// command the sample's release build runs): metrics as report.json measured them, datasets by hash, the
/// environment, alias history and the gates file's card section; every value escaped; the HTML in a real browser.
/// </summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed class ModelCardTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The sample's gates file, data and models in the test's folder, with <paramref name="card"/> as its card section when given.</summary>
    private void CopySample(string? card = null)
    {
        var sample = Path.Combine(Repository.Root, "samples", "Churn");
        foreach (var file in Directory.GetFiles(Path.Combine(sample, "data")).Concat(Directory.GetFiles(Path.Combine(sample, "models"))))
        {
            var target = Path.Combine(_dir.Path, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var gates = File.ReadAllText(Path.Combine(sample, "mlops-gates.yml"));
        if (card is not null)
        {
            gates = gates[..gates.IndexOf("\ncard:", StringComparison.Ordinal)] + "\n" + card;
        }

        // A clean clone has no trained model (the sample's build trains it): the model in production stands in as the
        // candidate, so the bar it was never held to (recall) comes down to what it reaches.
        var models = Path.Combine(_dir.Path, "models");
        File.Copy(Path.Combine(models, "production.zip"), Path.Combine(models, "churn-model.zip"), overwrite: true);
        Assert.Contains("recall: { threshold: 0.2 }", gates, StringComparison.Ordinal);
        _dir.Write("mlops-gates.yml", gates.Replace("recall: { threshold: 0.2 }", "recall: { threshold: 0.05 }", StringComparison.Ordinal));
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var current = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _dir.Path;
            return Cli.Run(args);
        }
        finally
        {
            Environment.CurrentDirectory = current;
        }
    }

    private void Release()
    {
        var (exit, output, error) = Run("run", "--no-progress", "--report-dir", "reports", "--artifact", "models/churn-model.zip", "--register", "churn", "--promote-to", "staging", "--reason", "release 1");
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void The_card_of_a_sample_release_names_its_metrics_datasets_environment_and_history()
    {
        CopySample();
        Release();

        var (exit, output, error) = Run("registry", "card", "churn@staging", "-o", "cards/card.md");

        Assert.True(exit == 0, output + error);
        var card = File.ReadAllText(Path.Combine(_dir.Path, "cards", "card.md"));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "reports", "report.json")))!;
        var evaluation = report["gates"]!.AsArray().Single(g => g!["type"]!.GetValue<string>() == "evaluate")!["evaluation"]!;
        foreach (var metric in evaluation["metrics"]!.AsArray())
        {
            var name = metric!["name"]!.GetValue<string>().Replace("_", "\\_", StringComparison.Ordinal);
            var value = metric["value"]!.GetValue<double>().ToString("G6", CultureInfo.InvariantCulture);
            Assert.Contains($"| {name} | {value} |", card, StringComparison.Ordinal);
        }

        Assert.Contains("| contract=month-to-month |", card.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var data in new[] { "data/customers.csv", "data/recent.csv" })
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir.Path, data))));
            Assert.Contains($"| {data} | {new FileInfo(Path.Combine(_dir.Path, data)).Length} | {hash} |", card, StringComparison.Ordinal);
        }

        Assert.Contains($"| dotnet | .NET {Environment.Version}", card, StringComparison.Ordinal);
        Assert.Contains("| ml\\_net | 5.0.1 |", card, StringComparison.Ordinal);
        Assert.Contains("promote staging | ", card, StringComparison.Ordinal);
        Assert.Contains("release 1", card, StringComparison.Ordinal);
        Assert.Contains("| Owners | Churn team &lt;churn-team&#64;example.com&gt; |", card, StringComparison.Ordinal);
        Assert.Contains("## Ethical considerations", card, StringComparison.Ordinal);
        Assert.Contains("| customer-data | data\\_quality | ✅ passed |", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_is_escaped_in_markdown_and_html()
    {
        CopySample("""
            card:
              overview: "<script>alert('overview')</script> | [click](javascript:alert(1))"
              owners: ["<img src=x onerror=alert(1)>", "a|b"]
              limitations: ["# not a heading", "line one\nline two | <b>bold</b>"]
            """);
        Release();
        Assert.Equal(0, Run("registry", "tag", "churn", "1", "note=<script>x</script>").Exit);

        var (mdExit, md, _) = Run("registry", "card", "churn:1");
        var (htmlExit, html, _) = Run("registry", "card", "churn:1", "--format", "html");

        Assert.Equal((0, 0), (mdExit, htmlExit));
        foreach (var text in new[] { md, html })
        {
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>bold", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("[click](", md, StringComparison.Ordinal);
        Assert.Contains("\\[click\\](javascript:", md, StringComparison.Ordinal); // brackets escaped: text, not a link
        Assert.Contains("- \\# not a heading", md, StringComparison.Ordinal);
        Assert.Contains("a&#124;b", md, StringComparison.Ordinal);
        foreach (var line in md.Split('\n').Where(l => l.StartsWith("| Owners", StringComparison.Ordinal)))
        {
            Assert.Equal(3, line.Count(c => c == '|'));
        }

        Assert.Contains("&lt;script&gt;alert(&#39;overview&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_from_a_report_keeps_what_the_card_needs_and_one_without_says_so()
    {
        CopySample();
        Assert.Equal(0, Run("run", "--no-progress", "--report-dir", "reports").Exit);

        Assert.Equal(0, Run("registry", "register", "churn", "--artifact", "models/churn-model.zip", "--report", "reports/report.json", "--registry", "registry2").Exit);
        Assert.Equal(0, Run("registry", "register", "churn", "--artifact", "models/production.zip", "--registry", "registry2").Exit);
        var (_, withReport, _) = Run("registry", "card", "churn:1", "--registry", "registry2");
        var (_, without, _) = Run("registry", "card", "churn:2", "--registry", "registry2");

        Assert.Contains("### churn-model: binary, 300 rows, against models/production.zip", withReport, StringComparison.Ordinal);
        Assert.Contains("## Limitations", withReport, StringComparison.Ordinal);
        Assert.Contains("No evaluation was recorded with this version", without, StringComparison.Ordinal);
        Assert.DoesNotContain("## Limitations", without, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_of_ones_own_replaces_the_built_in_one_and_a_broken_one_is_a_positioned_error()
    {
        CopySample();
        Release();
        _dir.Write("mine.scriban", "{{ model.name }} v{{ model.version }}: {{ for e in evaluations }}{{ for m in e.metrics }}{{ m.name }}={{ num m.value }};{{ end }}{{ end }}{{ card.owners[0] | html }}\n");
        _dir.Write("broken.scriban", "line one\n{{ for x in }}\n");

        var (exit, output, _) = Run("registry", "card", "churn@staging", "--template", "mine.scriban");
        var (brokenExit, brokenOutput, brokenError) = Run("registry", "card", "churn@staging", "--template", "broken.scriban", "-o", "card.md");
        var (badFormat, _, formatError) = Run("registry", "card", "churn@staging", "--format", "pdf");

        Assert.Equal(0, exit);
        Assert.StartsWith("churn v1: accuracy=", output, StringComparison.Ordinal);
        Assert.Contains("Churn team &lt;churn-team@example.com&gt;", output, StringComparison.Ordinal);
        Assert.Equal(2, brokenExit);
        Assert.Contains("broken.scriban(2,", brokenOutput + brokenError, StringComparison.Ordinal);
        Assert.Contains("MLG8001", brokenOutput + brokenError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "card.md")));
        Assert.Equal(2, badFormat);
        Assert.Contains("expected md or html", formatError + string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_card_renders_in_headless_chromium()
    {
        if (Environment.GetEnvironmentVariable("MLOPS_GATES_SKIP_BROWSER") == "1")
        {
            return;
        }

        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "chromium is not installed: .ci/run installs Debian's chromium; set MLOPS_GATES_SKIP_BROWSER=1 to skip this test");
        CopySample();
        Release();
        Assert.Equal(0, Run("registry", "card", "churn@staging", "-o", "card.html").Exit);

        var start = new ProcessStartInfo(chromium!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(Path.Combine(_dir.Path, "card.html")).AbsoluteUri })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var domRead = process.StandardOutput.ReadToEndAsync();
        var logRead = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (dom, log) = (await domRead, await logRead);

        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        foreach (var part in new[] { "<h1 id=\"title\">Model card: churn version 1</h1>", "<table class=\"metrics\">", "<table class=\"slices\">", "<table id=\"environment\">", "<h2>Alias history</h2>" })
        {
            Assert.Contains(part, dom, StringComparison.Ordinal);
        }
    }
}
