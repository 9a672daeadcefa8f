namespace MlOps.Gates.Drift;

/// <summary>
/// A column that is not tested as it is (a date-time or free-text column) and the features derived from it that are
/// tested in its place, each a pair of reference and current samples named <c>COLUMN.FEATURE</c>.
/// </summary>
public sealed record DerivedColumns(ColumnDriftResult Source, IReadOnlyList<(ColumnSample Reference, ColumnSample Current)> Features)
{
    /// <summary>A categorical sample of counts, as the features of a column are.</summary>
    internal static ColumnSample Categories(string name, Dictionary<string, long> counts, long missing) =>
        ColumnSample.Restore(name, null, counts, missing, 0, (string.Empty, new Results.SourceLocation(name)));

    /// <summary>A numeric sample of the given values (sorted here).</summary>
    internal static ColumnSample Numbers(string name, List<double> values, long missing)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return ColumnSample.Restore(name, sorted, null, missing, 0, null);
    }
}
