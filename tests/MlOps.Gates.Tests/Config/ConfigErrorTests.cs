using MlOps.Gates.Config;

namespace MlOps.Gates.Tests;

public sealed class ConfigErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GatesInputException Load(string yaml)
    {
        _dir.Write("data.csv", "a,b\n1,2\n");
        var path = _dir.Write("mlops-gates.yml", yaml);
        return Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path));
    }

    [Fact]
    public void Unknown_keys_are_reported_at_their_line_and_column_with_a_suggestion()
    {
        var error = Load("""
            datasets:
              d:
                path: data.csv
            gates:
              - name: g
                dataset: d
                checks:
                  - expect: between
                    column: a
                    minn: 1
            """);

        var finding = Assert.Single(error.Errors, e => e.Code == "MLG1002");
        Assert.Equal(10, finding.Location!.Line);
        Assert.Equal(9, finding.Location.Column);
        Assert.Contains("did you mean 'min'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var error = Load("""
            datasets:
              d:
                path: missing.csv
            gates:
              - name: g
                dataset: e
                checks:
                  - expect: not_a_check
                    column: a
                  - expect: between
                    column: a
                    min: ten
                  - expect: not_null
                    column: a
                    mostly: 1.5
                    severity: fatal
            """);

        var codes = error.Errors.Select(e => (e.Code, e.Location!.Line)).ToList();
        Assert.Contains(("MLG1006", 3), codes);
        Assert.Contains(("MLG1007", 6), codes);
        Assert.Contains(("MLG1007", 8), codes);
        Assert.Contains(("MLG1003", 12), codes);
        Assert.Contains(("MLG1004", 15), codes);
        Assert.Contains(("MLG1004", 16), codes);
    }

    [Fact]
    public void Yaml_syntax_errors_name_the_position()
    {
        var error = Load("gates:\n  - name: g\n   dataset: [unclosed\n");

        Assert.Equal("MLG1001", error.Errors[0].Code);
        Assert.True(error.Errors[0].Location!.Line >= 2);
    }

    [Fact]
    public void Missing_required_keys_and_wrong_shapes_are_errors()
    {
        var error = Load("""
            gates:
              - dataset: {path: data.csv}
                checks:
                  - expect: between
                    column: [a, b]
                    min: 1
            """);

        Assert.Contains(error.Errors, e => e.Code == "MLG1005" && e.Message.Contains("'name' is required", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Code == "MLG1003" && e.Location!.Line == 5);
    }

    [Fact]
    public void A_missing_gates_file_is_an_input_error()
    {
        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(Path.Combine(_dir.Path, "nope.yml")));

        Assert.Equal("MLG1009", error.Errors[0].Code);
    }

    [Fact]
    public void Great_expectations_json_suites_load_with_their_names_and_kwargs()
    {
        _dir.Write("data.csv", "a,b\n1,x\n5,y\n");
        _dir.Write("suite.json", """
            {
              "expectation_suite_name": "ge_suite",
              "expectations": [
                {"expectation_type": "expect_column_values_to_be_between", "kwargs": {"column": "a", "min_value": 0, "max_value": 3, "mostly": 0.5}, "meta": {}},
                {"expectation_type": "expect_column_values_to_be_in_set", "kwargs": {"column": "b", "value_set": ["x"]}}
              ],
              "meta": {"great_expectations_version": "0.18.8"}
            }
            """);
        var config = _dir.Write("mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    suite: suite.json\n");

        var run = new Running.GateRunner().Run(GatesConfigLoader.Load(config));

        Assert.Equal(["between(a)", "in_set(b)"], run.Gates[0].Checks.Select(c => c.Id));
        Assert.True(run.Gates[0].Checks[0].Success);
        Assert.False(run.Gates[0].Checks[1].Success);
    }
}
