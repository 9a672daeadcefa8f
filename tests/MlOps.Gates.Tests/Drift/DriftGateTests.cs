using System.Text.Json;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Drift;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

public sealed class DriftGateTests : IDisposable
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "drift");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DatasetOptions Data(string path, bool allowEmpty = false) => new()
    {
        Name = Path.GetFileNameWithoutExtension(path),
        Path = path,
        DisplayPath = Path.GetFileName(path),
        AllowEmpty = allowEmpty,
    };

    private static GateResult Run(DriftGate gate) =>
        new GateRunner().Run(new GatesConfig { BaseDirectory = Path.GetTempPath(), Gates = [gate] }).Gates[0];

    private DriftGate Gate(string reference, string current, DriftTest? test = null, bool allowEmpty = false) => new()
    {
        Name = "drift",
        Reference = Data(_dir.Write("ref.csv", reference), allowEmpty),
        Current = Data(_dir.Write("cur.csv", current), allowEmpty),
        Test = test,
    };

    /// <summary>Every column's verdict equals the pandas + scipy reference run's (../shared/bench/drift_reference.py) on gen_data.py's data.</summary>
    [Theory]
    [InlineData(600, "auto")]
    [InlineData(600, "ks")]
    [InlineData(2000, "auto")]
    [InlineData(2000, "ks")]
    public void Verdicts_equal_the_pandas_scipy_reference(int rows, string method)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, $"expected-{rows}-{method}.json")));
        var gate = new DriftGate
        {
            Name = "drift",
            Reference = Data(Path.Combine(FixtureDir, $"reference-{rows}.csv")),
            Current = Data(Path.Combine(FixtureDir, $"current-{rows}.csv")),
            Exclude = ["id"],
            Test = method == "ks" ? DriftTest.Ks : null,
        };

        var result = Run(gate);

        foreach (var column in expected.RootElement.GetProperty("columns").EnumerateArray())
        {
            var name = column.GetProperty("column").GetString()!;
            var check = result.Checks.Single(c => c.Id == name);
            Assert.True(column.GetProperty("drift").GetBoolean() == !check.Success, $"{name}: {check.Message}");
            var test = column.GetProperty("test").GetString();
            var score = column.GetProperty("score").GetDouble();
            if (test == check.Kind && test is "ks" or "chisquare")
            {
                Assert.InRange(Math.Abs(check.Metrics["p_value"]!.Value - score), 0, 1e-6);
            }
            else if (test == check.Kind)
            {
                Assert.InRange(Math.Abs(check.Metrics["statistic"]!.Value - score), 0, 1e-6 * Math.Max(1, Math.Abs(score)));
            }
        }

        var share = expected.RootElement.GetProperty("share").GetDouble();
        Assert.Equal(share, result.Metrics["drift_share"], 12);
        Assert.Equal(expected.RootElement.GetProperty("dataset_drift").GetBoolean(), result.Status == GateStatus.Failed);
    }

    [Fact]
    public void Edge_cases_are_judged_or_left_untested_with_a_reason()
    {
        var reference = "constant,empty,cat,x\n5,,a,1\n5,,b,2\n5,,a,3\n5,,b,4\n5,,a,5\n5,,b,6\n";
        var current = "constant,empty,cat,x\n5,,a,1\n5,,c,2\n5,,c,3\n5,,c,4\n5,,a,5\n5,,c,6\n";

        var result = Run(Gate(reference, current));
        var checks = result.Checks.ToDictionary(c => c.Id);

        Assert.True(checks["constant"].Success);
        Assert.Equal(false, checks["empty"].Parameters["tested"]);
        Assert.Contains("no values", checks["empty"].Message, StringComparison.Ordinal);
        Assert.False(checks["cat"].Success);
        Assert.Equal("chisquare", checks["cat"].Kind);
        Assert.Equal(0.0, checks["cat"].Metrics["p_value"]);
        Assert.Equal(3, result.Metrics["columns_tested"]);
        Assert.Contains(checks["cat"].Chart, p => p.Label == "c" && p.Reference == 0);
    }

    [Fact]
    public void A_numeric_column_holding_text_in_the_current_data_is_an_input_error_at_its_cell()
    {
        var error = Assert.Throws<GatesInputException>(() => Run(Gate("x\n1\n2\n3\n", "x\n1\nabc\n3\n")));

        Assert.Equal("MLG3011", error.Errors[0].Code);
        Assert.Equal(new SourceLocation("cur.csv", 3, 1), error.Errors[0].Location);
    }

    [Fact]
    public void One_row_works_and_zero_rows_are_untested_when_allowed()
    {
        var one = Run(Gate("x,c\n1,a\n", "x,c\n2,b\n"));
        Assert.Equal(2, one.Metrics["columns_tested"]);

        var empty = Run(Gate("x\n", "x\n", allowEmpty: true));
        Assert.Equal(0, empty.Metrics["columns_tested"]);
        Assert.Equal(GateStatus.Passed, empty.Status);
        Assert.Equal("MLG3003", Assert.Throws<GatesInputException>(() => Run(Gate("x\n", "x\n1\n"))).Errors[0].Code);
    }

    [Fact]
    public void Corrections_make_p_value_drift_harder_to_reach()
    {
        var rows = Enumerable.Range(0, 300).ToList();
        var reference = "a,b,c\n" + string.Join('\n', rows.Select(i => $"{i % 17},{i % 13},{i % 11}")) + "\n";
        var current = "a,b,c\n" + string.Join('\n', rows.Select(i => $"{(i % 17) + (i % 5 == 0 ? 1 : 0)},{i % 13},{(i % 11) + (i % 9 == 0 ? 1 : 0)}")) + "\n";
        var plain = Run(Gate(reference, current, DriftTest.Ks));
        var gate = Gate(reference, current, DriftTest.Ks);
        var bonferroni = Run(new DriftGate { Name = gate.Name, Reference = gate.Reference, Current = gate.Current, Test = DriftTest.Ks, Correction = Correction.Bonferroni });

        foreach (var check in bonferroni.Checks.Where(c => c.Kind == "ks"))
        {
            var p = check.Metrics["p_value"]!.Value;
            Assert.Equal(Math.Min(1, p * 3), check.Metrics["p_value_adjusted"]!.Value, 12);
        }

        Assert.True(bonferroni.Metrics["columns_drifted"] <= plain.Metrics["columns_drifted"]);
    }

    [Fact]
    public void Benjamini_hochberg_adjusts_with_ranks()
    {
        var adjusted = MultipleTesting.Adjust([0.01, 0.04, 0.03, 0.5], Correction.BenjaminiHochberg);

        // statsmodels' multipletests(method="fdr_bh") gives [0.04, 0.05333333, 0.05333333, 0.5].
        Assert.Equal([0.04, 0.16 / 3, 0.16 / 3, 0.5], adjusted.Select(a => Math.Round(a, 12)).ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void A_drift_gate_in_the_gates_file_runs_with_its_settings()
    {
        _dir.Write("ref.csv", "x,c\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}")) + "\n");
        _dir.Write("cur.csv", "x,c\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{i + 40},a")) + "\n");
        var path = _dir.Write("mlops-gates.yml", """
            datasets:
              train: {path: ref.csv}
              prod: {path: cur.csv}
            gates:
              - name: data-drift
                type: drift
                reference: train
                current: prod
                stattest: auto
                drift_share: 0.5
                correction: bonferroni
                per_column:
                  x: {stattest: psi, threshold: 0.2}
            """);

        var result = new GateRunner().Run(GatesConfigLoader.Load(path)).Gates[0];

        Assert.Equal("drift", result.Type);
        Assert.Equal("psi", result.Checks.Single(c => c.Id == "x").Kind);
        Assert.Equal(0.2, result.Checks.Single(c => c.Id == "x").Metrics["threshold"]);
        Assert.Equal(GateStatus.Failed, result.Status);
        Assert.Equal("MLG4002", result.Findings.First(f => f.Severity == Severity.Error).Code);

        _dir.Write("mlops-gates.yml", "gates:\n  - name: d\n    type: drift\n    reference: {path: ref.csv}\n    current: {path: cur.csv}\n    stattest: kss\n");
        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path));
        Assert.Equal((6, 15), (error.Errors[0].Location!.Line, error.Errors[0].Location!.Column));
    }

    [Fact]
    public void A_run_from_a_snapshot_gives_the_same_numbers_as_a_run_from_the_csv()
    {
        var reference = Data(Path.Combine(FixtureDir, "reference-2000.csv"));
        var current = Data(Path.Combine(FixtureDir, "current-2000.csv"));
        var samples = DriftSampleReader.Read(reference, null, new HashSet<string> { "id" }, out var header, out var rows);
        var snapshot = Path.Combine(_dir.Path, "ref.snapshot");
        DriftSnapshot.Write(snapshot, reference.DisplayPath, header, rows, samples);

        var fromCsv = Run(new DriftGate { Name = "d", Reference = reference, Current = current, Exclude = ["id"], Test = DriftTest.Ks });
        var fromSnapshot = Run(new DriftGate { Name = "d", Reference = Data(snapshot), Current = current, Exclude = ["id"], Test = DriftTest.Ks });

        Assert.Equal(fromCsv.Checks.Count, fromSnapshot.Checks.Count);
        foreach (var (a, b) in fromCsv.Checks.Zip(fromSnapshot.Checks))
        {
            Assert.Equal(a.Id, b.Id);
            Assert.Equal(a.Metrics.GetValueOrDefault("statistic"), b.Metrics.GetValueOrDefault("statistic"));
            Assert.Equal(a.Metrics.GetValueOrDefault("p_value"), b.Metrics.GetValueOrDefault("p_value"));
        }

        Assert.Equal(fromCsv.Metrics["reference_rows"], fromSnapshot.Metrics["reference_rows"]);
        File.WriteAllText(snapshot, "not a snapshot");
        Assert.Equal("MLG3012", Assert.Throws<GatesInputException>(() => Run(new DriftGate { Name = "d", Reference = Data(snapshot), Current = current })).Errors[0].Code);
    }

    [Fact]
    public async Task Parquet_files_give_the_same_numbers_as_their_csv()
    {
        var reference = Data(Path.Combine(FixtureDir, "reference-2000.csv"));
        var current = Data(Path.Combine(FixtureDir, "current-2000.csv"));
        var referenceParquet = Data(await ParquetFiles.FromCsvAsync(reference.Path, Path.Combine(_dir.Path, "reference.parquet")));
        var currentParquet = Data(await ParquetFiles.FromCsvAsync(current.Path, Path.Combine(_dir.Path, "current.parquet")));
        referenceParquet = referenceParquet with { Format = DataFormat.Parquet };
        currentParquet = currentParquet with { Format = DataFormat.Parquet };

        var fromCsv = Run(new DriftGate { Name = "d", Reference = reference, Current = current, Exclude = ["id"] });
        var fromParquet = Run(new DriftGate { Name = "d", Reference = referenceParquet, Current = currentParquet, Exclude = ["id"] });

        Assert.True(fromCsv.Checks.Count > 10);
        Assert.Equal(fromCsv.Checks.Select(c => (c.Id, c.Kind, c.Success)), fromParquet.Checks.Select(c => (c.Id, c.Kind, c.Success)));
        foreach (var (a, b) in fromCsv.Checks.Zip(fromParquet.Checks))
        {
            Assert.Equal(a.Metrics.GetValueOrDefault("statistic"), b.Metrics.GetValueOrDefault("statistic"));
            Assert.Equal(a.Metrics.GetValueOrDefault("p_value"), b.Metrics.GetValueOrDefault("p_value"));
        }
    }

    /// <summary>PSI, KL and Jensen-Shannon over numeric columns equal numpy's Sturges bins and scipy's formulas (Fixtures/drift/binned-2000.json, from build/fixtures/binned_stats.py).</summary>
    [Theory]
    [InlineData("psi")]
    [InlineData("kl_div")]
    [InlineData("jensenshannon")]
    public void Share_tests_on_numeric_columns_equal_numpy_binning(string test)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, "binned-2000.json")));
        var result = Run(new DriftGate
        {
            Name = "d",
            Reference = Data(Path.Combine(FixtureDir, "reference-2000.csv")),
            Current = Data(Path.Combine(FixtureDir, "current-2000.csv")),
            Columns = ["num_0", "num_3", "num_7", "label"],
            Test = DriftTest.Find(test),
        });

        foreach (var column in expected.RootElement.EnumerateObject())
        {
            var check = result.Checks.Single(c => c.Id == column.Name);
            var want = column.Value.GetProperty(test).GetDouble();
            var got = check.Metrics["statistic"]!.Value;
            Assert.True(Math.Abs(want - got) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{column.Name} {test}: expected {want:R}, got {got:R}");
            Assert.Equal(column.Value.GetProperty("bins").GetInt32(), check.Chart.Count);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
