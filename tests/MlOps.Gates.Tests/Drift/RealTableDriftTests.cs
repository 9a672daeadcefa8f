using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// Drift on tables shaped like real ones (two monthly 10,000-row samples, Fixtures/drift/tables/make.py): a date-time
/// column is the time axis and its hour-of-day shift is found, the id column is left out, the free-text column is
/// tested on its features, and every other column's verdict equals pandas + scipy's (drift_reference.py, run once).
/// </summary>
public sealed class RealTableDriftTests : IDisposable
{
    private static readonly string Tables = Path.Combine(AppContext.BaseDirectory, "Fixtures", "drift", "tables");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GateResult Run(string current, string extra = "")
    {
        var config = _dir.Write("mlops-gates.yml", $$"""
            gates:
              - name: trips
                type: drift
                reference: {{Path.Combine(Tables, "reference.csv")}}
                current: {{Path.Combine(Tables, current)}}
            {{extra}}
            allow_outside: true
            reports: {dir: {{Path.Combine(_dir.Path, "reports")}}}
            """);
        return new GateRunner().Run(GatesConfigLoader.Load(config)).Gates.Single();
    }

    private static CheckResult Column(GateResult gate, string name) => gate.Checks.Single(c => c.Id == name);

    [Fact]
    public void The_datetime_column_is_the_time_axis_and_its_hour_of_day_shift_is_found()
    {
        var gate = Run("current.csv");

        var ts = Column(gate, "ts");
        Assert.Equal("datetime", ts.Parameters["column_type"]);
        Assert.Contains("not tested", ts.Message, StringComparison.Ordinal);
        Assert.Contains("reference 2019-01-01", ts.Message, StringComparison.Ordinal);
        Assert.Contains("current 2019-02-01", ts.Message, StringComparison.Ordinal);
        Assert.Contains("not month (a side spans less than a year)", ts.Message, StringComparison.Ordinal);
        Assert.Contains(": drift", Column(gate, "ts.hour").Message, StringComparison.Ordinal);
        Assert.Contains(": no drift", Column(gate, "ts.weekday").Message, StringComparison.Ordinal);
        Assert.DoesNotContain(gate.Checks, c => c.Id == "ts.month");
        Assert.Equal("id", Column(gate, "id").Parameters["column_type"]);
    }

    [Fact]
    public void Every_other_columns_verdict_equals_pandas_and_scipy()
    {
        var gate = Run("current.csv");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Tables, "expected.json")));

        foreach (var column in expected.RootElement.GetProperty("columns").EnumerateArray())
        {
            var name = column.GetProperty("column").GetString()!;
            var check = Column(gate, name);
            Assert.Equal(column.GetProperty("test").GetString(), check.Parameters["test"]);
            Assert.Equal(column.GetProperty("drift").GetBoolean(), check.Message.Contains(": drift", StringComparison.Ordinal));
            Assert.Equal(column.GetProperty("score").GetDouble(), check.Metrics["statistic"]!.Value, 9);
        }
    }

    [Fact]
    public void Free_text_is_tested_on_its_features_and_an_unchanged_source_does_not_drift()
    {
        var gate = Run("current.csv");

        var notes = Column(gate, "notes");
        Assert.Equal("text", notes.Parameters["column_type"]);
        Assert.Contains("tested as notes.length, notes.empty, notes.oov_share", notes.Message, StringComparison.Ordinal);
        foreach (var feature in new[] { "notes.length", "notes.empty", "notes.oov_share" })
        {
            Assert.Contains(": no drift", Column(gate, feature).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Text_with_words_the_reference_never_had_drifts_on_its_out_of_vocabulary_share()
    {
        var gate = Run("current-newtext.csv");

        Assert.Contains(": drift", Column(gate, "notes.oov_share").Message, StringComparison.Ordinal);
        Assert.Contains(": no drift", Column(gate, "notes.length").Message, StringComparison.Ordinal);
        Assert.Contains(": no drift", Column(gate, "ts.hour").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_types_override_the_inference_for_every_type()
    {
        var gate = Run("current.csv", "    column_types: {ts: categorical, notes: categorical, calls: categorical, id: text, active: binary}");

        Assert.Equal("categorical", Column(gate, "ts").Parameters["column_type"]);
        Assert.Contains(": drift", Column(gate, "ts").Message, StringComparison.Ordinal);
        Assert.Equal("categorical", Column(gate, "notes").Parameters["column_type"]);
        Assert.Equal("categorical", Column(gate, "calls").Parameters["column_type"]);
        Assert.Equal("jensenshannon", Column(gate, "calls").Parameters["test"]);
        Assert.Equal("text", Column(gate, "id").Parameters["column_type"]);
        Assert.Equal("binary", Column(gate, "active").Parameters["column_type"]);
        Assert.DoesNotContain(gate.Checks, c => c.Id == "ts.hour");
    }

    [Theory]
    [InlineData("{plan: datetime}", "is declared datetime in column_types, but 'basic' is not a date-time")]
    [InlineData("{plan: numeric}", "is declared numeric in column_types but holds 'basic'")]
    [InlineData("{plan: binary}", "is declared binary in column_types but has 3 distinct values")]
    [InlineData("{amount: text}", "is declared text in column_types but holds only numbers")]
    public void A_declared_type_the_data_contradicts_is_a_clear_input_error(string types, string message)
    {
        var error = Assert.Throws<GatesInputException>(() => Run("current.csv", $"    column_types: {types}")).Errors.Single();

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(ErrorCodes.Internal, error.Code);
    }
}
