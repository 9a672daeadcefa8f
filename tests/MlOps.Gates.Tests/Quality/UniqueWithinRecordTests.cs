namespace MlOps.Gates.Tests;

/// <summary>
/// <c>expect_select_column_values_to_be_unique_within_record</c> as Great Expectations means it: values differ within
/// each row (pandas: <c>df[cols].nunique(dropna=False, axis=1) &gt;= len(cols)</c>), not rows differ across the table.
/// </summary>
public sealed class UniqueWithinRecordTests : IDisposable
{
    // Rows: all differ; a repeat; all equal; all missing; two missing; then the same good row twice.
    private const string Csv = "a,b,c\n1,2,3\n1,1,2\n2,2,2\n,,\n1,,\n4,5,6\n4,5,6\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("", 6, 1, 3)]
    [InlineData(", ignore_row_if: all_values_are_missing", 6, 1, 3)]
    [InlineData(", ignore_row_if: never", 7, 0, 4)]
    [InlineData(", ignore_row_if: any_value_is_missing", 5, 2, 2)]
    public void A_row_that_repeats_a_value_is_unexpected_and_equal_rows_are_fine(string options, long judged, long ignored, long unexpected)
    {
        var check = Gates.Single(_dir, Csv, $"- {{expect: expect_select_column_values_to_be_unique_within_record, column_list: [a, b, c]{options}}}");

        Assert.False(check.Success);
        Assert.Equal("MLG2026", check.Code);
        Assert.Equal(7, check.ElementCount);
        Assert.Equal(ignored, check.MissingCount);
        Assert.Equal(unexpected, check.UnexpectedCount);
        Assert.Equal(100.0 * unexpected / judged, check.UnexpectedPercent!.Value, 9);
        var first = check.PartialUnexpected[0];
        Assert.Equal(2, first.Row);
        Assert.Equal("1,1,2", first.Value);
        Assert.Equal(new Results.SourceLocation("data.csv", 3, 3), first.Location);
    }

    [Fact]
    public void Mostly_counts_the_judged_rows_and_the_old_compound_meaning_is_not_used()
    {
        var passing = Gates.Single(_dir, Csv, "- {expect: unique_within_record, columns: [a, b, c], mostly: 0.5}");
        var compound = Gates.Single(_dir, Csv, "- {expect: compound_unique, columns: [a, b, c]}");

        Assert.True(passing.Success);
        Assert.Equal(3, passing.UnexpectedCount);
        Assert.Equal("MLG2008", compound.Code);
        Assert.Equal(2, compound.UnexpectedCount);
    }
}
