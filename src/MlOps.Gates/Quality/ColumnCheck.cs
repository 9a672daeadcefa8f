using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>A check on one column: it finds the column in the header once, and fails cleanly when it is not there.</summary>
public abstract class ColumnCheck(CheckSpec spec) : Check(spec)
{
    protected int ColumnIndex { get; private set; } = -1;

    protected string ColumnName => Spec.Column!;

    public override bool NeedsRows => ColumnIndex >= 0;

    public override IReadOnlyList<int> ColumnsRead => ColumnIndex >= 0 ? [ColumnIndex] : [];

    public override bool Bind(TableReader table)
    {
        ColumnIndex = table.IndexOf(ColumnName);
        return ColumnIndex >= 0;
    }

    protected Results.CheckResult MissingColumn(DatasetSummary summary)
    {
        var near = Config.Suggest.Nearest(ColumnName, summary.Columns);
        var hint = near is null ? string.Empty : $"; did you mean '{near}'?";
        return Result(false, $"column '{ColumnName}' is not in {summary.DisplayPath}{hint}");
    }
}
