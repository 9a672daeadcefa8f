using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>row_count_equal_other_table</c> (Great Expectations' <c>expect_table_row_count_to_equal_other_table</c>): the
/// dataset has as many rows as another table, a dataset of the gates file or a data file beside it, whose rows are
/// counted in a pass of their own when the check completes. The observed value is both counts, as GX gives them.
/// </summary>
public sealed class OtherTableRowCountCheck(CheckSpec spec, DatasetOptions other) : Check(spec)
{
    public override string Description => $"the row count equals {other.DisplayPath}'s";

    public override bool NeedsRows => false;

    public override void Observe(RowBatch batch)
    {
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        long rows;
        using (var reader = TableReaders.Open(other))
        {
            var visitor = new NoCells();
            rows = ColumnScanner.Scan(reader, [], ref visitor);
        }

        return Result(rows == summary.Rows, string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} rows; {other.DisplayPath} has {rows}")) with
        {
            ElementCount = summary.Rows,
            ObservedValue = new Dictionary<string, long> { ["self"] = summary.Rows, ["other"] = rows },
        };
    }

    private readonly struct NoCells : ICellVisitor
    {
        public void Missing(int k)
        {
        }

        public void Visit(int k, ReadOnlySpan<char> text, int line, int column)
        {
        }
    }
}
