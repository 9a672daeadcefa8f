using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>SIGTERM and Ctrl+C during a long run: a prompt stop with exit 130, the previous reports left as they were.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_signal_mid_run_stops_it_promptly_and_keeps_the_previous_reports(string signal)
    {
        var (candidate, baseline) = Predictions(200_000);
        var reports = Path.Combine(_dir.Path, "reports");
        Directory.CreateDirectory(reports);
        File.WriteAllText(Path.Combine(reports, "report.md"), "the previous run's report");
        var (process, error) = Start("evaluate", "--predictions", candidate, "--baseline", baseline, "--label", "label", "--metric", "roc_auc=0.5", "--resamples", "100000", "-r", reports, "--no-progress");

        // The bootstrap of 100,000 resamples runs for minutes; the signal comes once the process has spent 2 s of CPU,
        // well past start-up and reading the rows, however slowly a loaded machine starts it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited && process.TotalProcessorTime < TimeSpan.FromSeconds(2))
        {
            Thread.Sleep(50);
            process.Refresh();
        }

        Assert.False(process.HasExited, "the run ended before the signal: " + error);
        Signal(process.Id, signal);
        var clock = Stopwatch.StartNew();
        var ended = process.WaitForExit(TimeSpan.FromSeconds(20));
        var stopped = clock.Elapsed;
        if (!ended)
        {
            process.Kill();
        }

        Assert.True(ended, "the run did not stop within 20 s of the signal");

        // The timed wait returns before the redirected streams are drained; this one waits for them.
        process.WaitForExit();
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"took {stopped} to stop");
        var errors = Text(error);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", errors, StringComparison.Ordinal);
        Assert.Equal(["report.md"], Directory.GetFiles(reports).Select(Path.GetFileName));
        Assert.Equal("the previous run's report", File.ReadAllText(Path.Combine(reports, "report.md")));
    }

    private (string Candidate, string Baseline) Predictions(int rows)
    {
        var random = new Random(5);
        var candidate = new StringBuilder("label,score\n");
        var baseline = new StringBuilder("label,score\n");
        for (var i = 0; i < rows; i++)
        {
            var label = random.Next(2);
            candidate.Append(label).Append(',').Append(Math.Clamp((0.3 + (0.4 * label)) + ((random.NextDouble() - 0.5) * 0.6), 0, 1).ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
            baseline.Append(label).Append(',').Append(Math.Clamp((0.35 + (0.3 * label)) + ((random.NextDouble() - 0.5) * 0.6), 0, 1).ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        }

        return (_dir.Write("candidate.csv", candidate.ToString()), _dir.Write("baseline.csv", baseline.ToString()));
    }

    /// <summary>Starts the CLI as its own process, as a build or CI runs it, with standard error collected.</summary>
    private static (Process Process, StringBuilder Error) Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops-gates.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, error);
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
