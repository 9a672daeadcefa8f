using MlOps.Gates.Config;

namespace MlOps.Gates.Tests;

/// <summary>Settings of the expectations added for Great Expectations' catalogue that cannot work are refused where they are written.</summary>
public sealed class CatalogSettingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("{expect: strftime_format, column: a, format: '%Y-%Q'}", "'%Q' is not a directive Python's strptime knows")]
    [InlineData("{expect: strftime_format, column: a, format: '%Y-%Y'}", "'%Y' is given twice")]
    [InlineData("{expect: regex_list, column: a, patterns: ['ok', '(']}", "invalid regular expression")]
    [InlineData("{expect: like_list, column: a, patterns: []}", "must give at least one pattern")]
    [InlineData("{expect: in_type_list, column: a, types: [integer, decimal]}", "'decimal' is not a type")]
    [InlineData("{expect: json_schema, column: a, schema: {type: 12}}", "'schema' is not a JSON schema")]
    [InlineData("{expect: json_schema, column: a}", "'schema' (a JSON schema) is required")]
    [InlineData("{expect: regex_list, column: a, patterns: [x], match_on: some}", "match_on")]
    [InlineData("{expect: kl_divergence_below, column: a, partition_object: {values: [x, y], weights: [0.5, 0.4]}}", "weights must add up to 1")]
    [InlineData("{expect: kl_divergence_below, column: a, partition_object: {bins: [0, 1, 1], weights: [0.5, 0.5]}}", "bin edges must increase")]
    [InlineData("{expect: kl_divergence_below, column: a, partition_object: {values: [x], weights: [1]}, internal_weight_holdout: 0.1}", "internal_weight_holdout cannot be used with a categorical partition")]
    [InlineData("{expect: kl_divergence_below, column: a, partition_object: {bins: [0, 1], weights: [0.98], tail_weights: [0.01, 0.01]}, tail_weight_holdout: 0.1}", "tail_weight_holdout must be 0")]
    [InlineData("{expect: kl_divergence_below, column: a, partition_object: {bins: [0, 1], weights: [1], shape: x}}", "shape")]
    [InlineData("{expect: row_count_equal_other_table, other: nowhere}", "no dataset named 'nowhere'")]
    [InlineData("{expect: pair_equal, columns: [a]}", "'columns' must name two columns")]
    [InlineData("{expect: pair_in_set, columns: [a, b], value_pairs_set: [[x, y], [z]]}", "each of 'value_pairs_set' is a pair")]
    [InlineData("{expect: pair_cramers_phi_below, columns: [a, b], bins_A: [1, x]}", "'bins_A' is a list of numbers")]
    [InlineData("{expect: z_score_below, column: a}", "threshold")]
    public void Settings_that_cannot_work_are_refused_at_their_line(string check, string message)
    {
        _dir.Write("data.csv", "a\n1\n");
        var path = _dir.Write("mlops-gates.yml", $"gates:\n  - name: g\n    dataset: {{path: data.csv}}\n    checks:\n      - {check}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Location!.Line, 5, 5);
        Assert.NotEqual(ErrorCodes.Internal, error.Code);
    }

    [Fact]
    public void Row_count_equal_other_table_counts_a_dataset_the_gates_file_names()
    {
        _dir.Write("a.csv", "x\n1\n2\n3\n");
        _dir.Write("b.csv", "y\n1\n2\n3\n");
        _dir.Write("c.csv", "z\n1\n");
        var path = _dir.Write("mlops-gates.yml", """
            datasets:
              a: {path: a.csv}
              b: {path: b.csv}
            gates:
              - name: g
                dataset: a
                checks:
                  - {expect: row_count_equal_other_table, other: b}
                  - {expect: row_count_equal_other_table, other: c.csv}
            """);

        var checks = new Running.GateRunner().Run(GatesConfigLoader.Load(path)).Gates.Single().Checks;

        Assert.Equal([true, false], checks.Select(c => c.Success));
        Assert.Equal("3 rows; c.csv has 1", checks[1].Message);
    }

    [Fact]
    public void Another_table_outside_the_repository_is_refused_at_its_line()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "repo", ".git"));
        _dir.Write("repo/data.csv", "a\n1\n");
        _dir.Write("outside.csv", "a\n1\n");
        var path = _dir.Write("repo/mlops-gates.yml", "gates:\n  - name: g\n    dataset: {path: data.csv}\n    checks:\n      - {expect: row_count_equal_other_table, other: ../outside.csv}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Equal((ErrorCodes.OutsideRepository, 5), (error.Code, error.Location!.Line));
    }
}
