namespace MlOps.Gates.Tests;

public sealed class AggregateCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // Expected values computed once with pandas: Series([3, 1, 4, 1, 5, 9, 2, 6]).
    // mean 3.875, median 3.5, std (ddof=1) 2.748376143938713,
    // quantile(0.25, interpolation="nearest") 2.0 (rank round(1.75) = 2), quantile(0.25) linear 1.75.
    private const string Values = "x\n3\n1\n4\n1\n\n5\n9\n2\n6\n";

    [Theory]
    [InlineData("min_between", 1.0)]
    [InlineData("max_between", 9.0)]
    [InlineData("mean_between", 3.875)]
    [InlineData("median_between", 3.5)]
    [InlineData("stdev_between", 2.748376143938713)]
    public void Statistics_match_pandas(string kind, double expected)
    {
        var result = Gates.Single(_dir, Values, $"- expect: {kind}\n  column: x\n  min: -100\n  max: 100");

        Assert.True(result.Success, result.Message);
        Assert.Equal(expected, (double)result.ObservedValue!, 12);
        Assert.Equal(1, result.MissingCount);
    }

    [Fact]
    public void Quantiles_take_the_nearest_rank_like_great_expectations_or_interpolate()
    {
        var nearest = Gates.Single(_dir, Values, "- expect: quantile_between\n  column: x\n  quantile: 0.25\n  min: 2\n  max: 2");
        var linear = Gates.Single(_dir, Values, "- expect: quantile_between\n  column: x\n  quantile: 0.25\n  min: 1.75\n  max: 1.75\n  interpolation: linear");
        var ge = Gates.Single(_dir, Values, "- expect: expect_column_quantile_values_to_be_between\n  column: x\n  quantile_ranges:\n    quantiles: [0.0, 0.5, 1.0]\n    value_ranges: [[1, 1], [3, 4], [9, null]]");

        Assert.True(nearest.Success, nearest.Message);
        Assert.True(linear.Success, linear.Message);
        Assert.True(ge.Success, ge.Message);
    }

    [Fact]
    public void A_mean_out_of_range_fails_and_text_makes_it_undefined()
    {
        var out_ = Gates.Single(_dir, Values, "- expect: mean_between\n  column: x\n  min: 5");
        var text = Gates.Single(_dir, "x\n1\nabc\n", "- expect: mean_between\n  column: x\n  min: 0");

        Assert.False(out_.Success);
        Assert.False(text.Success);
        Assert.Equal("abc", text.PartialUnexpected[0].Value);
    }

    [Fact]
    public void Unique_marks_every_row_of_a_repeated_value_as_great_expectations_does()
    {
        var result = Gates.Single(_dir, "id\n1\n2\n1\n3\n1\n\n", "- expect: unique\n  column: id");

        Assert.Equal(3, result.UnexpectedCount);
        Assert.Equal([1L, 3L, 5L], result.PartialUnexpected.Select(u => u.Row));
        Assert.Equal(1, result.MissingCount);
    }

    [Fact]
    public void Compound_unique_looks_at_combinations()
    {
        var result = Gates.Single(_dir, "a,b\n1,x\n1,y\n1,x\n", "- expect: compound_unique\n  columns: [a, b]");

        Assert.Equal(2, result.UnexpectedCount);
        Assert.Equal("1,x", result.PartialUnexpected[0].Value);
    }

    [Fact]
    public void Unique_points_at_both_rows_of_a_repeat_far_apart_and_compound_values_never_run_together()
    {
        var csv = new System.Text.StringBuilder("id,a,b\n");
        for (var row = 1; row <= 5000; row++)
        {
            var id = row == 4000 ? "5" : row.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (a, b) = row == 7 ? ("x\u001fy", "z") : row == 8 ? ("x", "y\u001fz") : ("p", row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            csv.Append(id).Append(',').Append(a).Append(',').Append(b).Append('\n');
        }

        var run = Gates.Run(_dir, csv.ToString(), "- expect: unique\n  column: id\n- expect: compound_unique\n  columns: [a, b]");
        var unique = run.Gates[0].Checks[0];

        Assert.Equal(2, unique.UnexpectedCount);
        Assert.Equal([5L, 4000L], unique.PartialUnexpected.Select(u => u.Row));
        Assert.Equal(["5", "5"], unique.PartialUnexpected.Select(u => u.Value));
        Assert.Equal([new Results.SourceLocation("data.csv", 6, 1), new Results.SourceLocation("data.csv", 4001, 1)], unique.PartialUnexpected.Select(u => u.Location));
        Assert.Equal(4999.0, unique.ObservedValue);
        Assert.Contains("first: '5' in row 5", unique.Message, StringComparison.Ordinal);
        Assert.True(run.Gates[0].Checks[1].Success, run.Gates[0].Checks[1].Message);
    }

    [Fact]
    public void Table_checks_count_rows_duplicates_and_distinct_values()
    {
        var csv = "a,b\n1,x\n2,y\n1,x\n3,x\n";
        var run = Gates.Run(_dir, csv, """
            - expect: row_count_between
              min: 5
            - expect: duplicate_rows_at_most
              max: 0
            - expect: distinct_count_between
              column: b
              min: 2
              max: 2
            - expect: category_share_between
              column: b
              value: x
              min: 0.7
              max: 0.8
            - expect: columns_match_list
              columns: [a, b]
            - expect: columns_match_set
              columns: [b, c]
            - expect: column_exists
              column: a
            """);
        var checks = run.Gates[0].Checks;

        Assert.False(checks[0].Success);
        Assert.False(checks[1].Success);
        Assert.Equal(3L, checks[1].PartialUnexpected[0].Row);
        Assert.True(checks[2].Success);
        Assert.True(checks[3].Success, checks[3].Message);
        Assert.True(checks[4].Success);
        Assert.False(checks[5].Success);
        Assert.Contains("missing: c", checks[5].Message, StringComparison.Ordinal);
        Assert.True(checks[6].Success);
    }

    [Fact]
    public void Freshness_compares_the_newest_value_with_the_run_time()
    {
        var csv = "t\n2026-05-30T00:00:00Z\n2026-05-31T06:00:00Z\n";
        var fresh = Gates.Single(_dir, csv, "- expect: freshness\n  column: t\n  max_age: 36h");
        var stale = Gates.Single(_dir, csv, "- expect: freshness\n  column: t\n  max_age: 1d");

        Assert.True(fresh.Success, fresh.Message);
        Assert.False(stale.Success);
    }

    [Fact]
    public void Null_share_and_warning_severity_give_a_warning_gate()
    {
        var run = Gates.Run(_dir, "x\n\n\n1\n", "- expect: null_share_at_most\n  column: x\n  max: 0.5\n  severity: warning");

        Assert.Equal(Results.GateStatus.Warning, run.Gates[0].Status);
        Assert.False(run.FailsAt(Results.Severity.Error));
        Assert.True(run.FailsAt(Results.Severity.Warning));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Duplicate_rows_are_the_same_cells_whether_quoted_or_not_whatever_the_line_ends(string newline)
    {
        // Rows 2 and 4 hold the same cells, one quoted; row 5 repeats row 3 exactly; "a,b" in one cell is not a and b.
        var csv = string.Join(newline, "k,v,w", "a,1,x", "b,2,y", "\"a\",1,\"x\"", "b,2,y", "\"a,1\",x,", "a,\"1,x\",", "c,\u001f,z", "c,\u001f,z") + newline;

        var check = Gates.Run(_dir, csv, "- expect: duplicate_rows_at_most\n  max: 0").Gates[0].Checks[0];

        Assert.Equal(3, check.UnexpectedCount);
        Assert.Equal(["same as row 1", "same as row 2", "same as row 7"], check.PartialUnexpected.Select(u => u.Value));
        Assert.Equal([3L, 4L, 8L], check.PartialUnexpected.Select(u => u.Row));
    }

    [Fact]
    public void Distinct_counts_and_uniqueness_hold_past_the_tables_first_size()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 3001},{i}\n"));

        var checks = Gates.Run(_dir, "a,b\n" + rows, "- {expect: distinct_count_between, column: a, min: 3001, max: 3001}\n- {expect: unique, column: b}\n- {expect: unique, column: a}").Gates[0].Checks;

        Assert.True(checks[0].Success, checks[0].Message);
        Assert.True(checks[1].Success, checks[1].Message);
        Assert.Equal(2 * 1999, checks[2].UnexpectedCount);
    }
}
