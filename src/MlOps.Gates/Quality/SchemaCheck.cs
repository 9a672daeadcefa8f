using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>A check decided by the header alone; it reads no rows.</summary>
public abstract class SchemaCheck(CheckSpec spec) : Check(spec)
{
    private SourceLocation? _header;

    public override bool NeedsRows => false;

    public override bool Bind(TableReader table)
    {
        _header = table.HeaderLocation(0);
        return true;
    }

    public override void Observe(RowBatch batch)
    {
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        var (success, message) = Judge(summary.Columns);
        var result = Result(success, message) with { ObservedValue = string.Join(", ", summary.Columns) };
        return success || _header is null
            ? result
            : result with { PartialUnexpected = [new UnexpectedValue(null, 0, _header with { Column = 0 })] };
    }

    protected abstract (bool Success, string Message) Judge(IReadOnlyList<string> columns);
}
