namespace MlOps.Gates.Quality;

/// <summary>
/// <c>columns_match_set</c> (any order; with <c>exact_match: false</c> the set need only be present) and
/// <c>columns_match_list</c> (the same names in the same order).
/// </summary>
public sealed class ColumnsMatchCheck(CheckSpec spec, bool ordered, bool exactMatch) : SchemaCheck(spec)
{
    public override string Description => ordered
        ? $"columns are, in order: {string.Join(", ", Spec.Columns)}"
        : exactMatch ? $"columns are the set {{{string.Join(", ", Spec.Columns)}}}" : $"columns include {{{string.Join(", ", Spec.Columns)}}}";

    protected override (bool Success, string Message) Judge(IReadOnlyList<string> columns)
    {
        if (ordered)
        {
            for (var i = 0; i < Math.Max(columns.Count, Spec.Columns.Count); i++)
            {
                var actual = i < columns.Count ? columns[i] : "(none)";
                var expected = i < Spec.Columns.Count ? Spec.Columns[i] : "(none)";
                if (actual != expected)
                {
                    return (false, $"column {i + 1} is '{actual}', expected '{expected}'");
                }
            }

            return (true, "columns match in order");
        }

        var missing = Spec.Columns.Except(columns).ToList();
        var extra = exactMatch ? columns.Except(Spec.Columns).ToList() : [];
        if (missing.Count == 0 && extra.Count == 0)
        {
            return (true, "columns match");
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            parts.Add($"unexpected: {string.Join(", ", extra)}");
        }

        return (false, string.Join("; ", parts));
    }
}
