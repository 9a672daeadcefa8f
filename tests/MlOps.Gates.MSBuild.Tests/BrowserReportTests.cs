using System.Diagnostics;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// The sample build's report.html in a real browser (Debian's chromium, headless): no script errors, every section
/// there, and a screenshot under the test output. Set MLOPS_GATES_SKIP_BROWSER=1 where no chromium can be installed.
/// </summary>
[Collection("package")]
public sealed class BrowserReportTests(PackedPackage package)
{
    [Fact]
    public void The_sample_report_renders_in_headless_chromium_with_every_section_and_no_script_errors()
    {
        if (Environment.GetEnvironmentVariable("MLOPS_GATES_SKIP_BROWSER") == "1")
        {
            return;
        }

        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "chromium is not installed: .ci/run installs Debian's chromium (apt-get install chromium); set MLOPS_GATES_SKIP_BROWSER=1 to skip this test");
        var sample = package.CopySample("Churn");
        var (exit, output) = Dotnet.Run(sample, package.Environment, "build", $"-p:MlOpsGatesVersion={package.Version}", "--nologo", "--disable-build-servers");
        Assert.True(exit == 0, output);
        var report = Path.Combine(sample, "artifacts", "mlops-gates", "report.html");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "browser", "sample-report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var (dom, log) = Chromium(chromium!, "--dump-dom", new Uri(report).AbsoluteUri);
        Chromium(chromium!, $"--screenshot={screenshot}", new Uri(report).AbsoluteUri);

        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), l => l.Contains("CONSOLE", StringComparison.Ordinal) && l.Contains("error", StringComparison.OrdinalIgnoreCase));
        foreach (var section in new[] { "id=\"summary\"", "id=\"gate-0\"", "id=\"gate-1\"", "id=\"gate-2\"", "<svg class=\"curve\"", "<table class=\"confusion\">", "<svg class=\"dist\"", "<table class=\"metrics\">" })
        {
            Assert.Contains(section, dom, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot was saved");
    }

    private static (string Stdout, string Stderr) Chromium(string chromium, params string[] args)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--window-size=1200,2400", "--hide-scrollbars" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish");
        return (stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
