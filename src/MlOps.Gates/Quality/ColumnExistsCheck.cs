namespace MlOps.Gates.Quality;

/// <summary><c>column_exists</c>: the header names the column.</summary>
public sealed class ColumnExistsCheck(CheckSpec spec) : SchemaCheck(spec)
{
    public override string Description => $"column '{Spec.Column}' exists";

    protected override (bool Success, string Message) Judge(IReadOnlyList<string> columns)
    {
        if (columns.Contains(Spec.Column!))
        {
            return (true, $"column '{Spec.Column}' is present");
        }

        var near = Config.Suggest.Nearest(Spec.Column!, columns);
        return (false, $"column '{Spec.Column}' is missing{(near is null ? string.Empty : $"; did you mean '{near}'?")}");
    }
}
