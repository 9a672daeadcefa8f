using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary><c>row_count_between</c>: the number of data rows is in the range.</summary>
public sealed class RowCountCheck(CheckSpec spec, Range range) : Check(spec)
{
    public override string Description => $"the row count is in {range}";

    public override bool NeedsRows => false;

    public override void Observe(RowBatch batch)
    {
    }

    public override CheckResult Complete(DatasetSummary summary) =>
        Result(range.Contains(summary.Rows), string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} rows; expected {range}")) with
        {
            ObservedValue = (double)summary.Rows,
        };
}
