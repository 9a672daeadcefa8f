using System.Globalization;

namespace MlOps.Gates.Drift;

/// <summary>
/// The bins a report draws for a column, bounded whatever the levels: a categorical column of thousands of levels shows
/// the levels whose share changed most and one "other" bin holding the rest, so report.json and the charts stay small.
/// The tests themselves use every level; only what is drawn is bounded.
/// </summary>
public static class ChartBins
{
    public const int Max = 20;

    public static List<DriftBin> Bounded(string[] labels, double[] reference, double[] current)
    {
        if (labels.Length <= Max)
        {
            return labels.Select((l, i) => new DriftBin(l, reference[i], current[i])).ToList();
        }

        var shown = Enumerable.Range(0, labels.Length)
            .OrderByDescending(i => Math.Abs(current[i] - reference[i]))
            .ThenByDescending(i => Math.Max(current[i], reference[i]))
            .ThenBy(i => labels[i], StringComparer.Ordinal)
            .Take(Max - 1)
            .Order()
            .ToList();
        var bins = shown.Select(i => new DriftBin(labels[i], reference[i], current[i])).ToList();
        var rest = Enumerable.Range(0, labels.Length).Except(shown).ToList();
        bins.Add(new DriftBin(
            string.Create(CultureInfo.InvariantCulture, $"other ({rest.Count:N0} levels)"),
            rest.Sum(i => reference[i]),
            rest.Sum(i => current[i])));
        return bins;
    }
}
