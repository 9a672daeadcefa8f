using System.Globalization;
using System.Text.Json.Nodes;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// The expectations of issue 17's second step, from a GX 1.x suite, on CSV and Parquet: each verdict and count equals
/// what pandas computed once on the same file (Fixtures/gx/more/make.py wrote both), with <c>mostly</c> at, just
/// above and just below the share that passes.
/// </summary>
public sealed class MoreExpectationsTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gx", "more");
    private static readonly JsonNode Expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double E(string key) => Expected[key]!.GetValue<double>();

    private string Suite()
    {
        var rows = E("rows");
        var notNull = E("note_nonnull");
        var nullShare = (rows - notNull) / rows;
        var lengthShare = (E("code_nonnull") - E("code_length_not_4")) / E("code_nonnull");
        var sum = E("score_sum");
        string Expectation(string type, string kwargs) => $$"""{"type": "{{type}}", "kwargs": {{{kwargs}}}, "meta": {}, "severity": "critical"}""";
        var expectations = new[]
        {
            Expectation("expect_table_row_count_to_equal", Invariant($"\"value\": {rows}")),
            Expectation("expect_table_row_count_to_equal", Invariant($"\"value\": {rows + 1}")),
            Expectation("expect_table_column_count_to_equal", Invariant($"\"value\": {E("columns")}")),
            Expectation("expect_table_column_count_to_be_between", "\"min_value\": 5, \"max_value\": 9"),
            Expectation("expect_column_values_to_be_null", Invariant($"\"column\": \"note\", \"mostly\": {nullShare:R}")),
            Expectation("expect_column_values_to_be_null", Invariant($"\"column\": \"note\", \"mostly\": {nullShare + 0.0001:R}")),
            Expectation("expect_column_values_to_be_null", "\"column\": \"note\""),
            Expectation("expect_column_value_lengths_to_equal", Invariant($"\"column\": \"code\", \"value\": 4, \"mostly\": {lengthShare:R}")),
            Expectation("expect_column_value_lengths_to_equal", Invariant($"\"column\": \"code\", \"value\": 4, \"mostly\": {lengthShare + 0.0001:R}")),
            Expectation("expect_column_sum_to_be_between", Invariant($"\"column\": \"score\", \"min_value\": {sum - 0.001:R}, \"max_value\": {sum + 0.001:R}")),
            Expectation("expect_column_sum_to_be_between", Invariant($"\"column\": \"score\", \"min_value\": {sum + 0.001:R}")),
            Expectation("expect_column_proportion_of_unique_values_to_be_between", Invariant($"\"column\": \"code\", \"min_value\": {E("code_unique_share"):R}, \"max_value\": {E("code_unique_share"):R}")),
            Expectation("expect_column_proportion_of_unique_values_to_be_between", Invariant($"\"column\": \"code\", \"max_value\": {E("code_unique_share") - 0.0001:R}")),
        };
        return _dir.Write("more.json", $$"""{"name": "more", "expectations": [{{string.Join(",\n", expectations)}}], "meta": {}, "notes": null}""");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Each_new_expectation_gives_pandas_verdict_and_counts(string format)
    {
        var csv = Path.Combine(Folder, "more.csv");
        var data = format == "csv"
            ? new DatasetOptions { Name = "more", Path = csv, DisplayPath = "more.csv" }
            : new DatasetOptions { Name = "more", Path = await ParquetFiles.FromCsvAsync(csv, Path.Combine(_dir.Path, "more.parquet")), DisplayPath = "more.parquet", Format = DataFormat.Parquet };

        var checks = new GateRunner().Run(GatesConfigLoader.LoadSuite(Suite(), data, _dir.Path)).Gates.Single().Checks;

        Assert.Equal([true, false, true, false, true, false, false, true, false, true, false, true, false], checks.Select(c => c.Success));
        Assert.Equal(E("code_unique_share"), (double)checks[11].ObservedValue!, 15);
        Assert.Equal(E("rows"), checks[0].ObservedValue);
        Assert.Equal(E("columns"), Convert.ToDouble(checks[2].Message.Split(' ')[0], CultureInfo.InvariantCulture));
        Assert.Equal(E("note_nonnull"), checks[4].UnexpectedCount!.Value);
        Assert.Equal(E("rows"), checks[4].ElementCount!.Value);
        Assert.Equal(E("code_length_not_4"), checks[7].UnexpectedCount!.Value);
        Assert.Equal(E("score_sum"), (double)checks[9].ObservedValue!, 6);
        Assert.Equal(["row_count_equal", "column_count_equal", "column_count_between", "is_null", "length_equal", "sum_between", "unique_share_between"], checks.Select(c => c.Kind).Distinct());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
