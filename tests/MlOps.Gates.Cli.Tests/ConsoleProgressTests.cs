using MlOps.Gates.Running;

namespace MlOps.Gates.Cli.Tests;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Redirected_output_gets_one_plain_line_per_dataset_and_no_redraws()
    {
        var error = new StringWriter();
        using (var progress = new ConsoleProgress(error, live: false))
        {
            progress.Report(new RunProgress("g", "reading data.csv", 65536, 100, 1000));
            progress.Report(new RunProgress("g", "read data.csv", 100000, 1000, 1000));
        }

        Assert.Equal($"mlops-gates: g: read data.csv, 100,000 rows{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void A_terminal_gets_one_line_redrawn_in_place_and_cleared_at_the_end()
    {
        var error = new StringWriter();
        using (var progress = new ConsoleProgress(error, live: true))
        {
            progress.Report(new RunProgress("g", "reading data.csv", 65536, 500, 1000));
        }

        var text = error.ToString();
        Assert.StartsWith("\rg: reading data.csv  50.0% 65,536 rows", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }
}
