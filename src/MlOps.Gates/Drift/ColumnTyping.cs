using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Drift;

/// <summary>
/// What a drift gate tests for one column. A type declared in <c>column_types</c> wins; otherwise a column whose every
/// value is a date-time is a date-time column, text of three or more words a value is free text, an identifier-like
/// column is an identifier (unless the gate names the column in <c>columns</c> or <c>per_column</c>), and the rest is
/// tested as read: numeric, categorical or binary.
/// </summary>
public static class ColumnTyping
{
    /// <param name="declared">The column's type in <c>column_types</c>, or null.</param>
    /// <param name="named">Whether the gate names the column itself (columns or per_column): it is then never taken for an identifier.</param>
    /// <param name="settings">The test and threshold for a column or derived feature by name.</param>
    /// <param name="where">Where the gate is, for a declared type the data contradicts.</param>
    public static IReadOnlyList<ColumnDriftResult> Test(ColumnSample reference, ColumnSample current, string? declared, bool named, Func<string, (DriftTest? Test, double? Threshold)> settings, SourceLocation? where)
    {
        ColumnDriftResult Plain(ColumnSample r, ColumnSample c)
        {
            var (test, threshold) = settings(r.Name);
            return ColumnDrift.Test(r, c, test, threshold);
        }

        IReadOnlyList<ColumnDriftResult> Expanded(DerivedColumns derived) =>
            [derived.Source, .. derived.Features.Select(f => Plain(f.Reference, f.Current))];

        var numeric = reference.IsNumeric && current.IsNumeric;
        switch (declared)
        {
            case "id":
                return [Identifier(reference, current, "declared an identifier in column_types")];
            case "numeric" when !numeric:
                var (value, location) = (reference.IsNumeric ? current : reference).FirstText!.Value;
                throw new GatesInputException(ErrorCodes.NumberColumnHoldsText, $"column '{reference.Name}' is declared numeric in column_types but holds '{Clip(value)}'", location);
            case "categorical" or "binary" when numeric:
                var (r, c) = (AsCategories(reference), AsCategories(current));
                RequireBinary(declared, r, c, where);
                return [Plain(r, c)];
            case "binary":
                RequireBinary(declared, reference, current, where);
                return [Plain(reference, current)];
            case "categorical" or "numeric":
                return [Plain(reference, current)];
            case "datetime":
                return Expanded(DateTimeColumns.Derive(reference, current)
                    ?? throw new GatesInputException(ErrorCodes.InvalidValue, $"column '{reference.Name}' is declared datetime in column_types, but {Unparsed(reference, current)} is not a date-time (ISO 8601, or a date and time the invariant culture reads)", where));
            case "text":
                return numeric
                    ? throw new GatesInputException(ErrorCodes.InvalidValue, $"column '{reference.Name}' is declared text in column_types but holds only numbers", where)
                    : Expanded(TextColumns.Derive(reference, current));
        }

        if (!numeric && DateTimeColumns.Derive(reference, current) is { } dates)
        {
            return Expanded(dates);
        }

        if (!numeric && TextColumns.Holds(reference))
        {
            return Expanded(TextColumns.Derive(reference, current));
        }

        return !named && IdentifierColumns.Why(reference) is { } why ? [Identifier(reference, current, why)] : [Plain(reference, current)];
    }

    private static ColumnDriftResult Identifier(ColumnSample reference, ColumnSample current, string why) =>
        ColumnDriftResult.Untested(reference, current, "id", $"{why}; left out of the drift share (column_types: {{{reference.Name}: categorical}} tests it)");

    /// <summary>A numeric sample's distinct values as categories, for a column declared categorical or binary.</summary>
    private static ColumnSample AsCategories(ColumnSample sample) =>
        DerivedColumns.Categories(sample.Name, sample.NumericCategories().ToDictionary(StringComparer.Ordinal), sample.Missing + sample.NonFinite);

    private static void RequireBinary(string declared, ColumnSample reference, ColumnSample current, SourceLocation? where)
    {
        var distinct = reference.Categories.Keys.Union(current.Categories.Keys).Count();
        if (declared == "binary" && distinct > 2)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"column '{reference.Name}' is declared binary in column_types but has {distinct} distinct values"), where);
        }
    }

    private static string Unparsed(ColumnSample reference, ColumnSample current)
    {
        foreach (var sample in new[] { reference, current })
        {
            if (sample.IsNumeric)
            {
                return sample.Count == 0 ? "nothing" : $"'{Data.Numbers.Format(sample.Numbers[0])}'";
            }

            if (sample.Categories.Keys.FirstOrDefault(k => !DateTimeColumns.Parses(k, out _)) is { } bad)
            {
                return $"'{Clip(bad)}'";
            }
        }

        return "a value";
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
