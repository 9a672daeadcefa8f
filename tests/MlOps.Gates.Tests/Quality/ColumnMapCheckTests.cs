using MlOps.Gates.Results;

namespace MlOps.Gates.Tests;

public sealed class ColumnMapCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Between_counts_out_of_range_values_and_points_at_their_line_and_column()
    {
        var result = Gates.Single(_dir, "id,age\n1,30\n2,150\n3,40\n4,-1\n", "- expect: between\n  column: age\n  min: 0\n  max: 120");

        Assert.False(result.Success);
        Assert.Equal(4, result.ElementCount);
        Assert.Equal(0, result.MissingCount);
        Assert.Equal(2, result.UnexpectedCount);
        Assert.Equal(50.0, result.UnexpectedPercent);
        Assert.Equal(["150", "-1"], result.PartialUnexpected.Select(u => u.Value));
        Assert.Equal(new SourceLocation("data.csv", 3, 3), result.PartialUnexpected[0].Location);
        Assert.Equal(new SourceLocation("data.csv", 3, 3), result.Location);
    }

    [Fact]
    public void Mostly_leaves_nulls_out_of_the_denominator()
    {
        // 4 non-null values, 1 unexpected: 75% pass. Nulls would make it 3 of 6 if they counted.
        var csv = "x\n1\n\n2\n\n3\n99\n";
        var passes = Gates.Single(_dir, csv, "- expect: between\n  column: x\n  max: 10\n  mostly: 0.75");
        var fails = Gates.Single(_dir, csv, "- expect: between\n  column: x\n  max: 10\n  mostly: 0.76");

        Assert.True(passes.Success);
        Assert.False(fails.Success);
        Assert.Equal(2, passes.MissingCount);
        Assert.Equal(25.0, passes.UnexpectedPercent);
    }

    [Fact]
    public void A_column_of_only_nulls_passes_vacuously()
    {
        var result = Gates.Single(_dir, "x,y\n,1\n,2\n", "- expect: in_set\n  column: x\n  values: [a]");

        Assert.True(result.Success);
        Assert.Equal(2, result.MissingCount);
        Assert.Equal(0, result.UnexpectedCount);
    }

    [Fact]
    public void Not_null_counts_nulls_over_all_rows_with_mostly()
    {
        var csv = "x\na\n\nb\nc\n";
        var strict = Gates.Single(_dir, csv, "- expect: not_null\n  column: x");
        var mostly = Gates.Single(_dir, csv, "- expect: not_null\n  column: x\n  mostly: 0.75");

        Assert.False(strict.Success);
        Assert.Equal(25.0, strict.UnexpectedPercent);
        Assert.Null(strict.PartialUnexpected[0].Value);
        Assert.Equal(new SourceLocation("data.csv", 3, 1), strict.PartialUnexpected[0].Location);
        Assert.True(mostly.Success);
    }

    [Fact]
    public void Strict_bounds_exclude_the_bound()
    {
        var inclusive = Gates.Single(_dir, "x\n0\n10\n", "- expect: between\n  column: x\n  min: 0\n  max: 10");
        var strict = Gates.Single(_dir, "x\n0\n10\n", "- expect: between\n  column: x\n  min: 0\n  max: 10\n  strict_min: true");

        Assert.True(inclusive.Success);
        Assert.Equal(1, strict.UnexpectedCount);
    }

    [Fact]
    public void Text_and_nan_in_a_number_column_are_unexpected_values_not_crashes()
    {
        var result = Gates.Single(_dir, "x\n1\nabc\nNaN\n2\n", "- expect: between\n  column: x\n  min: 0\n  max: 5");

        Assert.Equal(["abc", "NaN"], result.PartialUnexpected.Select(u => u.Value));
    }

    [Fact]
    public void In_set_compares_numbers_as_numbers_and_text_exactly()
    {
        var numbers = Gates.Single(_dir, "x\n1\n1.0\n2e0\n3\n", "- expect: in_set\n  column: x\n  values: [1, 2]");
        var text = Gates.Single(_dir, "x\na\nA\n", "- expect: not_in_set\n  column: x\n  values: [a]");

        Assert.Equal(1, numbers.UnexpectedCount);
        Assert.Equal("3", numbers.PartialUnexpected[0].Value);
        Assert.Equal(1, text.UnexpectedCount);
    }

    [Fact]
    public void Regex_searches_and_length_counts_characters()
    {
        var regex = Gates.Single(_dir, "x\nab12\nzz\n", "- expect: regex\n  column: x\n  pattern: '\\d+'");
        var length = Gates.Single(_dir, "x\nabc\nabcdef\né🙂\n", "- expect: length_between\n  column: x\n  min: 2\n  max: 3");

        Assert.Equal(["zz"], regex.PartialUnexpected.Select(u => u.Value));
        Assert.Equal(["abcdef"], length.PartialUnexpected.Select(u => u.Value));
    }

    [Theory]
    [InlineData("integer", "1\n-2\n3.0\nx\n", 2)]
    [InlineData("float", "1\n2.5\n1e3\nx\n", 1)]
    [InlineData("boolean", "true\nFALSE\nyes\n", 1)]
    [InlineData("datetime", "2026-01-01\n2026-01-01T10:00:00Z\nnot a date\n", 1)]
    [InlineData("string", "a\n1\n", 0)]
    public void Type_check_reads_each_value(string type, string values, int unexpected)
    {
        var result = Gates.Single(_dir, "x\n" + values, $"- expect: type\n  column: x\n  type: {type}");

        Assert.Equal(unexpected, result.UnexpectedCount);
    }

    [Fact]
    public void Quoted_multiline_fields_keep_their_source_lines()
    {
        var csv = "id,note,score\n1,\"two\nlines\",5\n2,ok,500\n";
        var result = Gates.Single(_dir, csv, "- expect: between\n  column: score\n  max: 10");

        Assert.Equal(new SourceLocation("data.csv", 4, 6), result.Location);
        Assert.Equal(2, result.PartialUnexpected[0].Row);
    }

    [Fact]
    public void Quoted_values_are_unescaped_before_checking()
    {
        var result = Gates.Single(_dir, "x\n\"a,b\"\n\"say \"\"hi\"\"\"\n", "- expect: in_set\n  column: x\n  values: ['a,b', 'say \"hi\"']");

        Assert.True(result.Success, result.Message);
    }

    [Fact]
    public void A_missing_column_fails_the_check_with_a_suggestion()
    {
        var result = Gates.Single(_dir, "age\n1\n", "- expect: not_null\n  column: aeg");

        Assert.False(result.Success);
        Assert.Contains("did you mean 'age'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_null_values_are_missing()
    {
        var result = Gates.Single(_dir, "x\nNA\n1\n", "- expect: not_null\n  column: x", "null_values: ['', NA]");

        Assert.Equal(1, result.MissingCount);
    }
}
