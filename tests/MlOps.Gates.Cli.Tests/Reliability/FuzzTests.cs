using System.Text;
using System.Text.Json;
using MlOps.Gates.Tests;
using Xunit.Abstractions;

namespace MlOps.Gates.Cli.Tests.Reliability;

/// <summary>
/// Damaged data files, gates files, suites, Parquet files and registry records, from fixed seeds: whatever the damage,
/// the tool answers with a documented exit code, never an internal error or an escaped exception, and never leaves a
/// report half-written.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const string Csv = "id,age,plan,joined,score\n1,34,basic,2024-01-02,0.5\n2,51,\"pro, annual\",2024-02-03,0.75\n3,,basic,2024-03-04,0.1\n4,27,\"say \"\"hi\"\"\",2024-04-05,0.9\n5,45,pro,2024-05-06,0.3\n";

    private const string Checks = """
          - {expect: not_null, column: age, mostly: 0.5}
          - {expect: between, column: age, min: 0, max: 120}
          - {expect: in_set, column: plan, values: [basic, pro]}
          - {expect: unique, column: id}
          - {expect: regex, column: plan, pattern: '^[a-z]+$'}
          - {expect: stdev_between, column: score, min: 0}
          - {expect: quantile_between, column: score, quantile: 0.5, min: 0, max: 1}
          - {expect: type, column: joined, type: datetime}
          - {expect: duplicate_rows_at_most, max: 0}
        """;

    private static readonly int[] Documented = [0, 1, 2];

    private readonly TempDir _dir = new();
    private readonly Dictionary<int, int> _exits = [];
    private int _cases;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Damaged_csv_files()
    {
        var mutator = new Mutator(seed: 1);
        var suite = _dir.Write("suite.yml", "checks:\n" + Checks + "\n");
        Intact(Path.Combine(_dir.Path, "data.csv"), Encoding.UTF8.GetBytes(Csv), data => ["check", data, "--suite", suite]);
        for (var i = 0; i < 1000; i++)
        {
            var data = Path.Combine(_dir.Path, i % 3 == 0 ? "data.tsv" : "data.csv");
            var text = i % 3 == 0 ? Csv.Replace(',', '\t') : Csv;
            File.WriteAllBytes(data, mutator.Mutate(Encoding.UTF8.GetBytes(text)));
            Case($"csv {i}", data, "check", data, "--suite", suite);
        }

        Done();
    }

    [Fact]
    public void Damaged_gates_files()
    {
        var mutator = new Mutator(seed: 2);
        _dir.Write("data.csv", Csv);
        _dir.Write("reference.csv", Csv);
        var gates = $"""
            version: 1
            fail_on: error
            datasets:
              customers: {"{"}path: data.csv, null_values: [""]{"}"}
            gates:
              - name: quality
                dataset: customers
                checks:
            {string.Join('\n', Checks.Split('\n').Select(l => "    " + l))}
              - name: drift
                type: drift
                reference: reference.csv
                current: customers
                exclude: [id]
                per_column:
                  age: {"{"}stattest: ks, threshold: 0.05{"}"}
            reports:
              formats: [md, html, json, junit]
            """;
        var bytes = Encoding.UTF8.GetBytes(gates);
        Intact(Path.Combine(_dir.Path, "mlops-gates.yml"), bytes, config => ["run", "-c", config]);
        for (var i = 0; i < 800; i++)
        {
            var config = Path.Combine(_dir.Path, "mlops-gates.yml");
            File.WriteAllBytes(config, mutator.Mutate(bytes));
            Case($"gates {i}", config, "run", "-c", config);
        }

        Done();
    }

    [Fact]
    public void Damaged_suites_in_both_formats()
    {
        var mutator = new Mutator(seed: 3);
        var data = _dir.Write("data.csv", Csv);
        var gx = Encoding.UTF8.GetBytes("""
            {
              "expectation_suite_name": "customers",
              "expectations": [
                {"expectation_type": "expect_column_values_to_not_be_null", "kwargs": {"column": "age", "mostly": 0.5}},
                {"expectation_type": "expect_column_values_to_be_between", "kwargs": {"column": "age", "min_value": 0, "max_value": 120}},
                {"expectation_type": "expect_column_values_to_be_in_set", "kwargs": {"column": "plan", "value_set": ["basic", "pro"]}},
                {"expectation_type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}}
              ]
            }
            """);
        var yaml = Encoding.UTF8.GetBytes("checks:\n" + Checks + "\n");
        Intact(Path.Combine(_dir.Path, "suite.json"), gx, suite => ["check", data, "--suite", suite]);
        Intact(Path.Combine(_dir.Path, "suite.yml"), yaml, suite => ["check", data, "--suite", suite]);
        for (var i = 0; i < 600; i++)
        {
            var json = i % 2 == 0;
            var suite = Path.Combine(_dir.Path, json ? "suite.json" : "suite.yml");
            File.WriteAllBytes(suite, mutator.Mutate(json ? gx : yaml));
            Case($"suite {i}", suite, "check", data, "--suite", suite);
        }

        Done();
    }

    [Fact]
    public async Task Damaged_parquet_files()
    {
        var mutator = new Mutator(seed: 4);
        var csv = _dir.Write("source.csv", "id,age,score,plan\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},{20 + (i % 50)},{i / 200.0},{(i % 3 == 0 ? "pro" : "basic")}\n")));
        var parquet = await ParquetFiles.FromCsvAsync(csv, Path.Combine(_dir.Path, "source.parquet"));
        var bytes = await File.ReadAllBytesAsync(parquet);
        var suite = _dir.Write("suite.yml", "checks:\n  - {expect: between, column: age, min: 0, max: 120}\n  - {expect: in_set, column: plan, values: [basic, pro]}\n  - {expect: unique, column: id}\n  - {expect: mean_between, column: score, min: 0, max: 1}\n");
        Intact(Path.Combine(_dir.Path, "data.parquet"), bytes, data => ["check", data, "--suite", suite]);
        for (var i = 0; i < 300; i++)
        {
            var data = Path.Combine(_dir.Path, "data.parquet");
            await File.WriteAllBytesAsync(data, mutator.Mutate(bytes));
            Case($"parquet {i}", data, "check", data, "--suite", suite);
        }

        Done();
    }

    [Fact]
    public void Damaged_registry_records()
    {
        var mutator = new Mutator(seed: 5);
        var registry = Path.Combine(_dir.Path, "registry");
        var artifact = _dir.Write("model.zip", "model bytes");
        Assert.Equal(0, Cli.Run("registry", "register", "churn", "-a", artifact, "--registry", registry, "--param", "seed=42").Exit);
        Assert.Equal(0, Cli.Run("registry", "promote", "churn", "1", "--to", "staging", "--registry", registry).Exit);
        var files = new[] { "versions/1.json", "aliases.json", "audit.jsonl" }.Select(f => Path.Combine(registry, "models", "churn", f)).ToArray();
        var originals = files.Select(File.ReadAllBytes).ToArray();
        var destination = Directory.CreateDirectory(Path.Combine(_dir.Path, "downloads")).FullName;
        string[][] commands = [["show", "churn"], ["list"], ["download", "churn@staging", "-o", destination], ["verify"], ["promote", "churn", "1", "--to", "production"], ["rollback", "churn", "staging"]];
        for (var i = 0; i < 300; i++)
        {
            var target = i % files.Length;
            File.WriteAllBytes(files[target], mutator.Mutate(originals[target]));
            Case($"registry {i} ({Path.GetFileName(files[target])})", files[target], ["registry", .. commands[i % commands.Length], "--registry", registry]);
            Assert.All(Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories), f => Assert.StartsWith(_dir.Path, f, StringComparison.Ordinal));
            Assert.All(Directory.GetFiles(destination), f => Assert.Equal("model.zip", Path.GetFileName(f)));
            for (var f = 0; f < files.Length; f++)
            {
                File.WriteAllBytes(files[f], originals[f]);
            }
        }

        Done();
    }

    /// <summary>The undamaged input runs to a verdict: the damage, not the base case, is what the cases test.</summary>
    private void Intact(string path, byte[] bytes, Func<string, string[]> args)
    {
        File.WriteAllBytes(path, bytes);
        var (exit, stdout, stderr) = Run(args(path), Path.Combine(_dir.Path, "reports"));
        Assert.True(exit is 0 or 1, $"the undamaged {Path.GetFileName(path)} gives exit {exit}: {stdout}{stderr}");
    }

    /// <summary>Runs one damaged case and holds it to the rules; on failure the message names the case and its input.</summary>
    private void Case(string name, string input, params string[] args)
    {
        var reports = Path.Combine(_dir.Path, "reports");
        var (exit, stdout, stderr) = Run(args, reports);
        _cases++;
        _exits[exit] = _exits.GetValueOrDefault(exit) + 1;
        var shown = File.Exists(input) ? Convert.ToBase64String(File.ReadAllBytes(input)) : "(no file)";
        Assert.True(Documented.Contains(exit), $"{name}: exit {exit}\n{stderr}\ninput (base64): {shown}");
        Assert.True(!(stdout + stderr).Contains("MLG9001", StringComparison.Ordinal), $"{name}: internal error\n{stdout}{stderr}\ninput (base64): {shown}");
        if (Directory.Exists(reports))
        {
            Assert.Empty(Directory.GetFiles(reports, "*.tmp"));
            var json = Path.Combine(reports, "report.json");
            if (File.Exists(json))
            {
                using var _ = JsonDocument.Parse(File.ReadAllText(json));
            }
        }
    }

    private static (int Exit, string Out, string Err) Run(string[] args, string reports)
    {
        var withReports = args[0] is "run" or "check" ? [.. args, "-r", reports, "--no-progress"] : args;
        var run = Task.Run(() => Cli.Run(withReports));
        if (!run.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"mlops-gates {string.Join(' ', args)} ran for more than 30 s");
        }

        return run.Result;
    }

    private void Done()
    {
        output.WriteLine($"{_cases} damaged cases, all answered with a documented exit code: {string.Join(", ", _exits.OrderBy(e => e.Key).Select(e => $"exit {e.Key}: {e.Value}"))}");

        // A fuzz run whose damage is always caught at the door tests only the door: some cases must get through.
        Assert.True(_exits.GetValueOrDefault(0) + _exits.GetValueOrDefault(1) > 0, "no damaged case was read through to a verdict");
        Assert.True(_exits.GetValueOrDefault(2) > 0, "no damaged case was refused");
    }
}
