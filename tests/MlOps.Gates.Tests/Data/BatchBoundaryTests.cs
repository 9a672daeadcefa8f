using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Tests;

/// <summary>
/// Rows reach the checks in batches of a few thousand: findings keep their row order, lines and columns across the
/// batch boundaries, multi-line quoted fields included.
/// </summary>
public sealed class BatchBoundaryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Findings_keep_row_order_and_exact_lines_across_batches_with_multi_line_fields()
    {
        var bad = new HashSet<int> { 5, 2047, 2048, 2049, 4095, 4096, 4097, 6000 };
        var multiLine = new HashSet<int> { 2000, 2048, 4096 };
        var csv = new StringBuilder("id,x,note\n");
        var line = 2;
        var expected = new List<(long Row, string Value, SourceLocation Location)>();
        for (var row = 1; row <= 7000; row++)
        {
            var id = row.ToString(CultureInfo.InvariantCulture);
            var x = bad.Contains(row) ? (row % 2 == 0 ? "\"b,ad\"" : "oops") : (row % 50).ToString(CultureInfo.InvariantCulture);
            if (bad.Contains(row))
            {
                expected.Add((row, row % 2 == 0 ? "b,ad" : "oops", new SourceLocation("data.csv", line, id.Length + 2)));
            }

            var note = multiLine.Contains(row) ? "\"first line\nsecond \"\"line\"\"\nthird\"" : "plain";
            csv.Append(id).Append(',').Append(x).Append(',').Append(note).Append('\n');
            line += multiLine.Contains(row) ? 3 : 1;
        }

        var run = Gates.Run(_dir, csv.ToString(), """
            - expect: between
              column: x
              min: 0
              max: 100
            - expect: row_count_between
              min: 7000
              max: 7000
            - expect: in_set
              column: note
              values: [plain]
            - expect: mean_between
              column: id
              min: 3500.5
              max: 3500.5
            """);
        var checks = run.Gates[0].Checks;

        Assert.Equal(bad.Count, checks[0].UnexpectedCount);
        Assert.Equal(expected.Select(e => e.Row), checks[0].PartialUnexpected.Select(u => u.Row));
        Assert.Equal(expected.Select(e => e.Value), checks[0].PartialUnexpected.Select(u => u.Value));
        Assert.Equal(expected.Select(e => e.Location), checks[0].PartialUnexpected.Select(u => u.Location));
        Assert.True(checks[1].Success, checks[1].Message);
        Assert.Equal([2000L, 2048L, 4096L], checks[2].PartialUnexpected.Select(u => u.Row));
        Assert.Equal("first line\nsecond \"line\"\nthird", checks[2].PartialUnexpected[0].Value);
        Assert.True(checks[3].Success, checks[3].Message);
    }

    [Fact]
    public void The_first_twenty_unexpected_values_are_the_earliest_rows_even_when_batches_hold_more()
    {
        var csv = new StringBuilder("x\n");
        for (var row = 1; row <= 10_000; row++)
        {
            csv.Append(row % 3 == 0 ? "-1" : "1").Append('\n');
        }

        var result = Gates.Single(_dir, csv.ToString(), "- expect: between\n  column: x\n  min: 0");

        Assert.Equal(3333, result.UnexpectedCount);
        Assert.Equal(Enumerable.Range(1, 20).Select(k => 3L * k), result.PartialUnexpected.Select(u => u.Row));
        Assert.Equal(new SourceLocation("data.csv", 4, 1), result.PartialUnexpected[0].Location);
    }

    [Fact]
    public void A_wide_file_reads_in_smaller_batches_with_the_same_findings()
    {
        const int columns = 2000;
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, columns).Select(c => $"f{c}"))).Append('\n');
        for (var row = 1; row <= 300; row++)
        {
            csv.Append(string.Join(',', Enumerable.Range(0, columns).Select(c => c == columns - 1 && row == 250 ? "-5" : "1"))).Append('\n');
        }

        var checks = string.Join('\n', Enumerable.Range(0, columns).Select(c => $"- {{expect: between, column: f{c}, min: 0}}"));
        var run = Gates.Run(_dir, csv.ToString(), checks);
        var last = run.Gates[0].Checks[^1];

        Assert.True(Data.RowBatch.RowsFor(columns) < 300);
        Assert.Equal(columns - 1, run.Gates[0].Checks.Count(c => c.Success));
        Assert.Equal(250L, last.PartialUnexpected.Single().Row);
        Assert.Equal(new SourceLocation("data.csv", 251, ((columns - 1) * 2) + 1), last.PartialUnexpected.Single().Location);
    }
}
