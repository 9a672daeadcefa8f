using System.Text.Json;
using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>Bad data and bad options: a coded error at the right place and exit 2, never an internal error.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Suite(string checks = "  - {expect: not_null, column: a}") => _dir.Write("suite.yml", "checks:\n" + checks + "\n");

    private string Reports => Path.Combine(_dir.Path, "reports");

    private static void AssertNoInternalError((int Exit, string Out, string Err) result)
    {
        Assert.DoesNotContain("MLG9001", result.Out + result.Err, StringComparison.Ordinal);
        Assert.NotEqual(3, result.Exit);
    }

    [Fact]
    public void A_file_without_a_header_reads_its_first_row_as_data_at_line_one()
    {
        _dir.Write("d.csv", "a,b\n1,2\n3,4\n");
        var config = _dir.Write("mlops-gates.yml", "datasets:\n  d: {path: d.csv, header: false}\ngates:\n  - name: g\n    dataset: d\n    checks:\n      - {expect: between, column: column_1, min: 0, max: 2}\n      - {expect: row_count_between, min: 3, max: 3}\n");

        var result = Cli.Run("run", "-c", config, "-r", Reports, "--no-progress");

        Assert.Equal(1, result.Exit);
        Assert.Contains("d.csv(1,1): error MLG2009: g: between(column_1): 2 of 3 values (66.667%) unexpected; first: 'a' in row 1", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("row_count_between", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_is_refused_with_its_own_code()
    {
        var fifo = Path.Combine(_dir.Path, "data.csv");
        var made = System.Diagnostics.Process.Start("mkfifo", fifo)!;
        made.WaitForExit();
        // Opening a FIFO for writing blocks until a reader comes: the check opens it, sees it cannot seek, and refuses it.
        var writer = new Thread(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                stream.Write("a\n1\n"u8);
            }
            catch (IOException)
            {
            }
        });
        writer.Start();

        var result = Cli.Run("check", fifo, "--suite", Suite(), "-r", Reports, "--no-progress");

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG3019:", result.Err, StringComparison.Ordinal);
        Assert.Contains("is a pipe or a device, not a regular file", result.Err, StringComparison.Ordinal);
        AssertNoInternalError(result);
        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_device_that_never_ends_is_not_called_empty()
    {
        var result = Cli.Run("check", "/dev/zero", "--suite", Suite(), "-r", Reports, "--no-progress");

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG3019:", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c\n1,\"2,3\n4,5,6\n", "(2,3): error MLG3005:")]
    [InlineData("a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n", "(3,3): error MLG3005:")]
    [InlineData("a,b\n\"1,2\n", "(2,1): error MLG3005:")]
    public void A_quote_left_open_is_reported_where_it_opens(string csv, string expected)
    {
        var data = _dir.Write("q.csv", csv);

        var result = Cli.Run("check", data, "--suite", Suite(), "-r", Reports, "--no-progress");

        Assert.Equal(2, result.Exit);
        Assert.Contains("q.csv" + expected, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_header_column_is_named_once()
    {
        var data = _dir.Write("dup.csv", string.Join(',', Enumerable.Repeat("c", 2000)) + "\n" + string.Join(',', Enumerable.Repeat("1", 2000)) + "\n");

        var result = Cli.Run("check", data, "--suite", Suite(), "-r", Reports, "--no-progress");

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG3008: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("dup.csv: column 'c' appears 2000 times in the header", result.Err, StringComparison.Ordinal);
        Assert.True(result.Err.Length < 400, result.Err);
    }

    [Theory]
    [InlineData("\"", "--delimiter cannot be the quote character")]
    [InlineData(";;", "--delimiter must be one character")]
    public void A_delimiter_that_cannot_work_is_a_usage_error(string delimiter, string expected)
    {
        var data = _dir.Write("d.csv", "a\n1\n");

        var result = Cli.Run("check", data, "--suite", Suite(), "--delimiter", delimiter, "-r", Reports);

        Assert.Equal(2, result.Exit);
        Assert.Contains("MLG0001: " + expected, result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drift", "--threshold", "NaN")]
    [InlineData("drift", "--threshold", "-1")]
    [InlineData("drift", "--drift-share", "NaN")]
    [InlineData("drift", "--drift-share", "1.5")]
    [InlineData("drift", "--column-test", "a=ks:NaN")]
    [InlineData("drift", "--column-test", "a=ks:Infinity")]
    [InlineData("evaluate", "--metric", "accuracy=NaN")]
    [InlineData("evaluate", "--resamples", "2000000000")]
    [InlineData("evaluate", "--resamples", "-1")]
    [InlineData("evaluate", "--confidence", "NaN")]
    [InlineData("evaluate", "--require-significant", "NaN")]
    [InlineData("evaluate", "--non-inferiority-margin", "NaN")]
    [InlineData("profile", "--margin", "NaN")]
    [InlineData("profile", "--margin", "-5")]
    [InlineData("profile", "--max-categories", "-1")]
    public void Numeric_options_are_checked_like_the_gates_file(string command, string option, string value)
    {
        var data = _dir.Write("d.csv", "a,label,score\n1,1,0.9\n2,0,0.1\n");
        string[] args = command switch
        {
            "drift" => ["drift", "--reference", data, "--current", data, option, value],
            "evaluate" => ["evaluate", "--predictions", data, "--label", "label", option, value],
            _ => ["profile", data, "-o", Path.Combine(_dir.Path, "suite.yml"), option, value],
        };

        var result = Cli.Run([.. args, "-r", Reports]);

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG0001: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(option, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Reports));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "suite.yml")));
    }

    [Theory]
    [InlineData("run", "--stamp")]
    [InlineData("profile", "-o")]
    [InlineData("monitor", "--prometheus")]
    public void An_output_file_that_is_a_folder_is_a_usage_error(string command, string option)
    {
        var data = _dir.Write("d.csv", "a\n1\n2\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    type: drift\n    reference: d.csv\n    current: d.csv\n");
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "folder")).FullName;
        string[] args = command switch
        {
            "run" => ["run", "-c", config, option, folder, "-r", Reports],
            "profile" => ["profile", data, option, folder],
            _ => ["monitor", "-c", config, "--current", data, option, folder, "-r", Reports],
        };

        var result = Cli.Run(args);

        Assert.Equal(2, result.Exit);
        Assert.Contains($"error MLG0001: {option.TrimStart('-') switch { "o" => "--output", _ => option }} {folder} is a folder; name a file in it", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_report_folder_is_a_usage_error()
    {
        _dir.Write("d.csv", "a\n1\n");
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: d.csv}\n    checks:\n      - {expect: not_null, column: a}\n");

        var result = Cli.Run("run", "-c", config, "--report-dir", "");

        Assert.Equal(2, result.Exit);
        Assert.Contains("error MLG0001: --report-dir is empty; name a folder", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_that_arrives_empty_is_a_drift_warning_not_a_silent_pass()
    {
        var random = new Random(3);
        var reference = _dir.Write("reference.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 200).Select(_ => $"{random.NextDouble():R},{random.NextDouble():R}\n")));
        var current = _dir.Write("current.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 200).Select(_ => $"{random.NextDouble():R},\n")));

        var result = Cli.Run("drift", "--reference", reference, "--current", current, "-r", Reports, "--no-progress", "--fail-on", "warning");

        Assert.Equal(1, result.Exit);
        Assert.Contains("warning MLG4004: drift: b: every value is missing in ", result.Out, StringComparison.Ordinal);
        Assert.Contains("current.csv (200 missing): nothing to compare", result.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Reports, "report.json")));
        var column = json.RootElement.GetProperty("gates")[0].GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "b");
        Assert.False(column.GetProperty("tested").GetBoolean());
    }

    [Fact]
    public void A_regression_predictions_file_with_only_a_score_uses_it_as_the_prediction()
    {
        var data = _dir.Write("p.csv", "label,Score\n1.5,1.4\n2.0,2.2\n3.1,2.9\n");

        var result = Cli.Run("evaluate", "--predictions", data, "--label", "label", "--task", "regression", "--metric", "rmse=1", "-r", Reports, "--no-progress");

        Assert.Equal(0, result.Exit);
        Assert.Contains("rmse 0.173205", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_on_a_folder_says_it_is_a_folder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "preds")).FullName;

        var result = Cli.Run("evaluate", "--predictions", folder, "--label", "a");

        Assert.Equal(2, result.Exit);
        Assert.Contains("MLG3002: --predictions: " + folder + " is a folder, not a data file", result.Err, StringComparison.Ordinal);
    }
}
