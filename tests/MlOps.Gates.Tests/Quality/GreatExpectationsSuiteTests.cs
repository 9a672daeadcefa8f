using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// Great Expectations suites as GX writes them, 0.15 (<c>expectation_type</c>, <c>kwargs</c>, <c>expectation_context</c>,
/// <c>ge_cloud_id</c>, evaluation parameters) and 1.x (<c>type</c>, <c>id</c>, <c>severity</c>, <c>notes</c>,
/// <c>rendered_content</c>), run over the same small taxi sample; the counts are those pandas gives for GX's semantics.
/// </summary>
public sealed class GreatExpectationsSuiteTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gx");

    private readonly TempDir _dir = new();

    public GreatExpectationsSuiteTests()
    {
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(_dir.Path, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _dir.Dispose();

    private RunResult Run(string gate) => new GateRunner().Run(GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", "gates:\n" + gate)));

    /// <summary>
    /// The 0.15 suite with its expectation at line 55 swapped for one of GX's contributed (not core) types, which this
    /// version does not implement: every core type is implemented now.
    /// </summary>
    private void WithUnimplementedExpectation()
    {
        var path = Path.Combine(_dir.Path, "taxi-suite-0.15.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("expect_column_distinct_values_to_be_in_set", "expect_column_values_to_be_valid_us_zip", StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_0_15_suite_runs_whole_now_that_every_core_expectation_is_implemented()
    {
        var run = Run("""
              - name: taxi
                dataset: taxi.csv
                suite: taxi-suite-0.15.json
                parameters: {max_rows: 100}
            """);

        var checks = run.Gates.Single().Checks.ToDictionary(c => c.Id);
        var distinct = checks["distinct_in_set(payment_type)"];
        Assert.True(distinct.Success, distinct.Message);
        Assert.DoesNotContain(run.Gates.Single().Findings, f => f.Code == ErrorCodes.UnsupportedExpectation);
    }

    [Fact]
    public void A_0_15_suite_runs_with_its_parameters_and_an_unimplemented_expectation_is_a_warning_at_its_line()
    {
        WithUnimplementedExpectation();
        var run = Run("""
              - name: taxi
                dataset: taxi.csv
                suite: taxi-suite-0.15.json
                unsupported: warn
                parameters: {max_rows: 100}
            """);

        var checks = run.Gates.Single().Checks.ToDictionary(c => c.Id);
        Assert.Equal((false, 1L, 8L), (checks["not_null(vendor_id)"].Success, checks["not_null(vendor_id)"].UnexpectedCount!.Value, checks["not_null(vendor_id)"].ElementCount!.Value));
        Assert.Equal((true, 2L), (checks["between(passenger_count)"].Success, checks["between(passenger_count)"].UnexpectedCount!.Value)); // 6 of 8 at mostly 0.75
        Assert.True(checks["row_count_between"].Success);
        var skipped = checks["expect_column_values_to_be_valid_us_zip"];
        Assert.Equal((GateStatus.Warning, ErrorCodes.UnsupportedExpectation), (skipped.Status, skipped.Code));
        Assert.Equal(("taxi-suite-0.15.json", 55), (skipped.ConfigLocation!.File, skipped.ConfigLocation.Line));
        Assert.Contains(run.Gates.Single().Findings, f => f.Code == ErrorCodes.UnsupportedExpectation && f.Severity == Severity.Warning);
    }

    [Fact]
    public void Without_leave_an_unimplemented_expectation_is_an_error_naming_it_and_its_line()
    {
        WithUnimplementedExpectation();
        var errors = Assert.Throws<GatesInputException>(() => Run("  - name: taxi\n    dataset: taxi.csv\n    suite: taxi-suite-0.15.json\n    parameters: {max_rows: 100}\n")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal((ErrorCodes.UnsupportedExpectation, 55), (error.Code, error.Location!.Line));
        Assert.Contains("'expect_column_values_to_be_valid_us_zip' is not implemented", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("taxi-suite-0.15.json", error.Location.File, StringComparison.Ordinal);
    }

    [Fact]
    public void An_evaluation_parameter_without_a_value_is_an_error_at_its_place()
    {
        var errors = Assert.Throws<GatesInputException>(() => Run("  - name: taxi\n    dataset: taxi.csv\n    suite: taxi-suite-0.15.json\n    unsupported: warn\n")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal((ErrorCodes.UnknownReference, 45), (error.Code, error.Location!.Line));
        Assert.Contains("evaluation parameter 'max_rows', which has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_1_x_suite_runs_with_its_severities_and_names_checks_by_kind_not_by_uuid()
    {
        var run = Run("  - name: taxi\n    dataset: taxi.csv\n    suite: taxi-suite-1.x.json\n");

        var checks = run.Gates.Single().Checks.ToDictionary(c => c.Id);
        Assert.Equal(["not_null(vendor_id)", "between(passenger_count)", "in_set(payment_type)"], run.Gates.Single().Checks.Select(c => c.Id));
        Assert.Equal((Severity.Error, false), (checks["not_null(vendor_id)"].Severity, checks["not_null(vendor_id)"].Success));
        Assert.Equal((Severity.Warning, true), (checks["between(passenger_count)"].Severity, checks["between(passenger_count)"].Success));
        Assert.Equal((false, 1L, "4"), (checks["in_set(payment_type)"].Success, checks["in_set(payment_type)"].UnexpectedCount!.Value, checks["in_set(payment_type)"].PartialUnexpected.Single().Value));
    }

    [Fact]
    public void Gx_validation_json_has_gxs_result_shape_and_the_runs_counts()
    {
        WithUnimplementedExpectation();
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: taxi
                dataset: taxi.csv
                suite: taxi-suite-0.15.json
                unsupported: warn
                parameters: {max_rows: 100}
            reports:
              formats: [gx, json]
            """));
        var run = new GateRunner().Run(config);
        var written = Reporting.ReportWriter.Write(run, config.Reports, Path.Combine(_dir.Path, "out"));

        Assert.Contains(written, f => f.EndsWith("gx-validation.json", StringComparison.Ordinal));
        var text = File.ReadAllText(Path.Combine(_dir.Path, "out", "gx-validation.json"));
        var schema = Json.Schema.JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "gx-validation.schema.json")));
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.True(schema.Evaluate(document).IsValid, text);
        Assert.False(schema.Evaluate(System.Text.Json.Nodes.JsonNode.Parse("""{"success": true, "results": [{"success": true}], "meta": {}}""")).IsValid);
        Assert.False(document["success"]!.GetValue<bool>());
        Assert.Equal((4, 2, 2), (document["statistics"]!["evaluated_expectations"]!.GetValue<int>(), document["statistics"]!["successful_expectations"]!.GetValue<int>(), document["statistics"]!["unsuccessful_expectations"]!.GetValue<int>()));
        var notNull = document["results"]!.AsArray().Single(r => r!["expectation_config"]!["expectation_type"]!.GetValue<string>() == "expect_column_values_to_not_be_null")!;
        Assert.Equal((8, 1, 1), (notNull["result"]!["element_count"]!.GetValue<int>(), notNull["result"]!["missing_count"]!.GetValue<int>(), notNull["result"]!["unexpected_count"]!.GetValue<int>()));
        Assert.Equal("vendor_id", notNull["expectation_config"]!["kwargs"]!["column"]!.GetValue<string>());
        var between = document["results"]!.AsArray().Single(r => r!["expectation_config"]!["expectation_type"]!.GetValue<string>() == "expect_column_values_to_be_between")!;
        Assert.Equal(25.0, between["result"]!["unexpected_percent"]!.GetValue<double>(), 9);
        Assert.Equal(["0", "7"], between["result"]!["partial_unexpected_list"]!.AsArray().Select(v => v!.GetValue<string>()));
        var skipped = document["results"]!.AsArray().Single(r => r!["exception_info"]!["raised_exception"]!.GetValue<bool>())!;
        Assert.Equal("expect_column_values_to_be_valid_us_zip", skipped["expectation_config"]!["expectation_type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0.74, true)]
    [InlineData(0.75, true)]
    [InlineData(0.76, false)]
    public void Mostly_at_just_below_and_just_above_the_share_that_passes(double mostly, bool passes)
    {
        var text = File.ReadAllText(Path.Combine(_dir.Path, "taxi-suite-1.x.json")).Replace("\"mostly\": 0.75", $"\"mostly\": {mostly.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        var suite = _dir.Write("mostly.json", text);
        var dataset = new DatasetOptions { Name = "taxi", Path = Path.Combine(_dir.Path, "taxi.csv"), DisplayPath = "taxi.csv" };

        var run = new GateRunner().Run(GatesConfigLoader.LoadSuite(suite, dataset, _dir.Path));

        Assert.Equal(passes, run.Gates.Single().Checks.Single(c => c.Id == "between(passenger_count)").Success);
    }

    [Fact]
    public async Task The_suite_runs_the_same_over_parquet()
    {
        await ParquetFiles.FromCsvAsync(Path.Combine(_dir.Path, "taxi.csv"), Path.Combine(_dir.Path, "taxi.parquet"));

        var run = Run("  - name: taxi\n    dataset: taxi.parquet\n    suite: taxi-suite-1.x.json\n");

        var checks = run.Gates.Single().Checks.ToDictionary(c => c.Id);
        Assert.Equal(1L, checks["not_null(vendor_id)"].UnexpectedCount);
        Assert.Equal(2L, checks["between(passenger_count)"].UnexpectedCount);
        Assert.Equal(1L, checks["in_set(payment_type)"].UnexpectedCount);
    }
}
