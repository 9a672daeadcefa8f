using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>How a column's distinct values must relate to a set.</summary>
public enum DistinctSetRule
{
    /// <summary>Every distinct value is in the set (<c>expect_column_distinct_values_to_be_in_set</c>).</summary>
    InSet,

    /// <summary>Every value of the set is among the distinct values (<c>..._to_contain_set</c>).</summary>
    ContainSet,

    /// <summary>Both (<c>..._to_equal_set</c>).</summary>
    EqualSet,
}

/// <summary>
/// <c>distinct_in_set</c>, <c>distinct_contain_set</c> and <c>distinct_equal_set</c>: the set of a column's distinct
/// present values against a set (compared as <see cref="SetValues"/> does). The observed value is that set, sorted.
/// </summary>
public sealed class DistinctSetCheck(CheckSpec spec, IReadOnlyList<string> set, DistinctSetRule rule, bool dates) : TextCountingCheck(spec, new SetValues(set, dates))
{

    public override string Description => $"the distinct values of '{ColumnName}' {rule switch { DistinctSetRule.InSet => "are in", DistinctSetRule.ContainSet => "contain", _ => "equal" }} {{{string.Join(", ", set.Take(10))}{(set.Count > 10 ? ", …" : string.Empty)}}}";

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (ColumnIndex < 0)
        {
            return MissingColumn(summary);
        }

        var distinct = CountsByKey();
        var extra = distinct.Where(d => !Values.Keys.Contains(d.Key)).Select(d => d.Value.Observed).ToList();
        var absent = set.Where(v => !distinct.ContainsKey(Values.Key(v.AsSpan()).Key)).ToList();
        var success = rule switch
        {
            DistinctSetRule.InSet => extra.Count == 0,
            DistinctSetRule.ContainSet => absent.Count == 0,
            _ => extra.Count == 0 && absent.Count == 0,
        };
        var observed = SetValues.Sorted(distinct.Values.Select(d => d.Observed));
        var problems = new List<string>();
        if (rule != DistinctSetRule.ContainSet && extra.Count > 0)
        {
            problems.Add($"not in the set: {Shown(SetValues.Sorted(extra))}");
        }

        if (rule != DistinctSetRule.InSet && absent.Count > 0)
        {
            problems.Add($"missing from the column: {Shown(absent.Cast<object>().ToList())}");
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"{observed.Count} distinct values: {Shown(observed)}") + (problems.Count > 0 ? "; " + string.Join("; ", problems) : string.Empty);
        return Result(success, message) with
        {
            ElementCount = Elements,
            MissingCount = MissingValues,
            ObservedValue = observed,
        };
    }

    private static string Shown(List<object> values) =>
        string.Join(", ", values.Take(10).Select(v => v is double d ? Numbers.Format(d) : $"'{Clip(((string)v).AsSpan())}'")) + (values.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $", … {values.Count} in all") : string.Empty);
}
