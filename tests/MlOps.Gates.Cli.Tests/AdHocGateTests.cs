using MlOps.Gates.Tests;

namespace MlOps.Gates.Cli.Tests;

/// <summary>
/// <c>evaluate</c> and <c>drift</c> turn their options into a gate read by the gates file's own readers: what the file
/// accepts the options accept (aliases included), what the file refuses they refuse, as usage errors naming the option.
/// </summary>
public sealed class AdHocGateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run([.. args, "--no-progress", "--report-dir", Path.Combine(_dir.Path, "reports")]);

    private string Predictions() => _dir.Write("p.csv", "label,predicted,probability\n1,1,0.9\n0,0,0.2\n1,0,0.4\n0,0,0.1\n1,1,0.7\n0,1,0.6\n");

    [Fact]
    public void A_task_name_the_gates_file_accepts_is_accepted()
    {
        var (exit, output, error) = Run("evaluate", "-p", Predictions(), "-l", "label", "--task", "binary-classification", "--metric", "accuracy=0.5");

        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void Two_names_of_one_metric_are_a_usage_error_naming_both()
    {
        var (exit, output, error) = Run("evaluate", "-p", Predictions(), "-l", "label", "--metric", "accuracy=0.5", "--metric", "Accuracy=0.6");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG0001: --metric: 'Accuracy' and 'accuracy' name the same metric (accuracy); keep one", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    public void A_predictions_file_given_as_the_model_names_both_options()
    {
        var data = Predictions();

        var (exit, output, error) = Run("evaluate", "--model", data, "--data", data, "-l", "label", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG0001: --model must be an ML.NET model (.zip) or an ONNX model (.onnx); a file of predictions goes under --predictions", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_inputs_on_a_predictions_file_are_refused_as_in_the_gates_file()
    {
        var (exit, output, error) = Run("evaluate", "-p", Predictions(), "-l", "label", "--input", "Features=a", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG0001: --input and --output map a model's columns", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_data_asks_for_data()
    {
        var model = _dir.Write("m.zip", "x");

        var (exit, output, error) = Run("evaluate", "--model", model, "-l", "label", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG0001: --data is required", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_keeps_its_code()
    {
        var (exit, output, error) = Run("evaluate", "-m", Path.Combine(_dir.Path, "none.zip"), "-d", Predictions(), "-l", "label", "--metric", "accuracy=0.5");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG1006: model", output + error, StringComparison.Ordinal);
        Assert.Contains("none.zip' not found", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_drift_test_is_a_usage_error_listing_the_known_ones()
    {
        var data = _dir.Write("d.csv", "a\n1\n2\n");

        var (exit, output, error) = Run("drift", "--reference", data, "--current", data, "--stattest", "nope");

        Assert.Equal(2, exit);
        Assert.Contains("error MLG0001: unknown stattest 'nope'; use auto or one of ks,", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drift_correction_the_gates_file_accepts_is_accepted()
    {
        var data = _dir.Write("d.csv", "a\n1\n2\n3\n");

        var (exit, output, error) = Run("drift", "--reference", data, "--current", data, "--correction", "fdr_bh");

        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void Check_takes_a_great_expectations_suites_parameters_and_skips_what_it_does_not_implement_when_told()
    {
        var data = _dir.Write("d.csv", "a\n1\n2\n3\n");
        var suite = _dir.Write("suite.json", """
            {"expectation_suite_name": "s", "expectations": [
              {"expectation_type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": {"$PARAMETER": "least"}}, "meta": {}},
              {"expectation_type": "expect_column_values_to_be_valid_us_zip", "kwargs": {"column": "a"}, "meta": {}}
            ], "meta": {"great_expectations_version": "0.18.12"}, "data_asset_type": null, "ge_cloud_id": null}
            """);

        var refused = Run("check", data, "--suite", suite, "--parameter", "least=2");
        var warned = Run("check", data, "--suite", suite, "--parameter", "least=2", "--unsupported", "warn");
        var unset = Run("check", data, "--suite", suite, "--unsupported", "warn");

        Assert.Equal(2, refused.Exit);
        Assert.Contains("suite.json(3,24): error MLG1013:", refused.Out + refused.Err, StringComparison.Ordinal);
        Assert.True(warned.Exit == 0, warned.Out + warned.Err);
        Assert.Contains("warning MLG1013:", warned.Out, StringComparison.Ordinal);
        Assert.Equal(2, unset.Exit);
        Assert.Contains("evaluation parameter 'least', which has no value", unset.Out + unset.Err, StringComparison.Ordinal);
    }
}
