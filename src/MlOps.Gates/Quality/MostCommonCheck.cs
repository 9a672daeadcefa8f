using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>most_common_in_set</c> (Great Expectations' <c>expect_column_most_common_value_to_be_in_set</c>): the most
/// common present value (all of them when several tie; pandas' <c>mode</c>) is in the set. With ties, GX's rule: one
/// tied value in the set is enough with <c>ties_okay</c>; without it, a tie fails.
/// </summary>
public sealed class MostCommonCheck(CheckSpec spec, IReadOnlyList<string> set, bool tiesOkay) : TextCountingCheck(spec, new SetValues(set, dates: false))
{

    public override string Description => $"the most common value of '{ColumnName}' is in {{{string.Join(", ", set.Take(10))}{(set.Count > 10 ? ", …" : string.Empty)}}}";

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var counts = CountsByKey();
        var top = counts.Count == 0 ? 0 : counts.Values.Max(c => c.Count);
        var modes = counts.Where(c => c.Value.Count == top && top > 0).ToList();
        var inSet = modes.Count(m => Values.Keys.Contains(m.Key));
        var success = tiesOkay ? inSet > 0 : modes.Count == 1 && inSet == 1;
        var observed = SetValues.Sorted(modes.Select(m => m.Value.Observed));
        var shown = string.Join(", ", observed.Select(v => v is double d ? Numbers.Format(d) : $"'{Clip(((string)v).AsSpan())}'"));
        var message = modes.Count == 0
            ? "no present values"
            : string.Create(CultureInfo.InvariantCulture, $"most common: {shown} ({top} times){(modes.Count > 1 ? $", {modes.Count} tied" : string.Empty)}; {inSet} of them in the set");
        return Result(success, message) with
        {
            ElementCount = Elements,
            MissingCount = MissingValues,
            ObservedValue = observed,
        };
    }
}
