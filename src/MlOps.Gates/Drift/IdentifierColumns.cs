namespace MlOps.Gates.Drift;

/// <summary>
/// Columns that name rows rather than describe them (<c>customer_id</c>, <c>trip_id</c>): text with a distinct value in
/// at least 95% of the reference's rows, or whole numbers all distinct. Tested, they drift trivially (every current id
/// is new), so a drift gate leaves them out with a note, as Evidently leaves out the id column it is told of.
/// </summary>
public static class IdentifierColumns
{
    /// <summary>Fewer reference rows than this say too little to call a column an identifier.</summary>
    public const int MinimumRows = 50;

    public const double TextShare = 0.95;

    /// <summary>Why the column looks like an identifier, or null when it does not.</summary>
    public static string? Why(ColumnSample reference)
    {
        var rows = reference.Count;
        if (rows < MinimumRows)
        {
            return null;
        }

        if (!reference.IsNumeric)
        {
            var distinct = reference.HasCategories ? reference.Categories.Count : rows;
            return distinct >= TextShare * rows
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"identifier-like: {distinct} distinct values in {rows} rows of the reference")
                : null;
        }

        var numbers = reference.Numbers;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (numbers[i] != Math.Floor(numbers[i]) || (i > 0 && numbers[i] == numbers[i - 1]))
            {
                return null;
            }
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"identifier-like: {rows} distinct whole numbers in {rows} rows of the reference");
    }
}
