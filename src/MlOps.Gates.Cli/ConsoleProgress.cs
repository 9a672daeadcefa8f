using System.Diagnostics;
using System.Globalization;
using MlOps.Gates.Running;

namespace MlOps.Gates.Cli;

/// <summary>
/// Progress on standard error: one line redrawn in place on a terminal, and plain lines, one per dataset, when
/// output is redirected or CI is set, so logs stay readable.
/// </summary>
public sealed class ConsoleProgress : IProgress<RunProgress>, IDisposable
{
    private readonly TextWriter _error;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;
    private bool _drawn;

    public ConsoleProgress(TextWriter error, bool live)
    {
        _error = error;
        _live = live;
    }

    public static bool IsInteractive() =>
        !Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TF_BUILD"))
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"));

    public void Report(RunProgress value)
    {
        var done = value.BytesTotal > 0 && value.BytesRead >= value.BytesTotal;
        if (!_live)
        {
            if (done)
            {
                _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlops-gates: {value.Gate}: {value.Activity}, {value.Rows:N0} rows"));
            }

            return;
        }

        if (!done && _lastDraw is { } last && _clock.Elapsed - last < TimeSpan.FromMilliseconds(100))
        {
            return;
        }

        _lastDraw = _clock.Elapsed;
        var percent = value.BytesTotal > 0 ? 100.0 * value.BytesRead / value.BytesTotal : 0;
        var line = string.Create(CultureInfo.InvariantCulture, $"{value.Gate}: {value.Activity} {percent,5:0.0}% {value.Rows:N0} rows");
        var width = Math.Max(20, SafeWidth() - 1);
        _error.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
        _drawn = true;
        if (done)
        {
            Clear();
        }
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        if (_drawn)
        {
            _error.Write("\r" + new string(' ', Math.Max(20, SafeWidth() - 1)) + "\r");
            _drawn = false;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
