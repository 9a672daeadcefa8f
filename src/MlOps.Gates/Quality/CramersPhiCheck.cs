using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>pair_cramers_phi_below</c> (Great Expectations' <c>expect_column_pair_cramers_phi_value_to_be_less_than</c>, as
/// its pandas dataset computed it): Cramér's V of the two columns' crosstab, at most <c>threshold</c> (default 0.1).
/// Numeric columns are cut into <c>bins_A</c>/<c>bins_B</c> (widened to the data's range) or <c>n_bins</c> equal bins
/// (default 10; numpy's histogram edges); text columns keep their ten most common values and put the rest in
/// "(other)", or are grouped by <c>bins</c> (lists of values); a missing value is its own "(missing)" category. The
/// chi-square statistic is scipy's <c>chi2_contingency</c> (Yates' correction on a 2x2 table), divided by every row of
/// the file and by the smaller side of the table less one. Categories no row falls in are left out of the table.
/// </summary>
public sealed class CramersPhiCheck(CheckSpec spec, double threshold, PairBinning binsA, PairBinning binsB) : Check(spec)
{
    private readonly Dictionary<(string? A, string? B), long> _pairs = [];
    private int _a = -1;
    private int _b = -1;
    private string? _missingColumn;

    public override string Description => $"Cramér's V of '{Spec.Columns[0]}' and '{Spec.Columns[1]}' is at most {threshold.ToString(CultureInfo.InvariantCulture)}";

    public override bool NeedsRows => _missingColumn is null;

    public override IReadOnlyList<int> ColumnsRead => _missingColumn is null ? [_a, _b] : [];

    public override bool Bind(TableReader table)
    {
        (_a, _b) = (table.IndexOf(Spec.Columns[0]), table.IndexOf(Spec.Columns[1]));
        _missingColumn = _a < 0 ? Spec.Columns[0] : _b < 0 ? Spec.Columns[1] : null;
        return _missingColumn is null;
    }

    public override void Observe(RowBatch batch)
    {
        var missingA = batch.Missing(_a);
        var missingB = batch.Missing(_b);
        var textsA = batch.Texts(_a);
        var textsB = batch.Texts(_b);
        for (var i = 0; i < batch.Count; i++)
        {
            var key = (missingA[i] ? null : textsA[i].ToString(), missingB[i] ? null : textsB[i].ToString());
            _pairs[key] = _pairs.GetValueOrDefault(key) + 1;
        }
    }

    public override CheckResult Complete(DatasetSummary summary)
    {
        if (_missingColumn is not null)
        {
            return Result(false, $"column '{_missingColumn}' is not in {summary.DisplayPath}");
        }

        var rowsOf = binsA.Categorize(_pairs.Select(p => (p.Key.A, p.Value)));
        var columnsOf = binsB.Categorize(_pairs.Select(p => (p.Key.B, p.Value)));
        var table = new Dictionary<(string, string), double>();
        foreach (var ((a, b), count) in _pairs)
        {
            var cell = (rowsOf(a), columnsOf(b));
            table[cell] = table.GetValueOrDefault(cell) + count;
        }

        var rows = table.Keys.Select(k => k.Item1).Distinct().ToList();
        var columns = table.Keys.Select(k => k.Item2).Distinct().ToList();
        var observed = new double[rows.Count, columns.Count];
        foreach (var ((r, c), count) in table)
        {
            observed[rows.IndexOf(r), columns.IndexOf(c)] = count;
        }

        var chi2 = ChiSquare(observed);
        var v = Math.Sqrt(chi2 / summary.Rows / (Math.Min(rows.Count, columns.Count) - 1));
        v = double.IsNaN(v) ? double.NaN : Math.Max(Math.Min(v, 1), 0);
        var message = string.Create(CultureInfo.InvariantCulture, $"Cramér's V = {v:G6} over a {rows.Count}x{columns.Count} table (chi-square {chi2:G6}); expected at most {threshold}");
        return Result(v <= threshold, message) with { ElementCount = summary.Rows, ObservedValue = v };
    }

    /// <summary>scipy.stats.chi2_contingency's statistic, with its Yates correction when the table has one degree of freedom.</summary>
    private static double ChiSquare(double[,] observed)
    {
        var (r, c) = (observed.GetLength(0), observed.GetLength(1));
        var rowSums = new double[r];
        var columnSums = new double[c];
        double total = 0;
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                rowSums[i] += observed[i, j];
                columnSums[j] += observed[i, j];
                total += observed[i, j];
            }
        }

        var yates = (r - 1) * (c - 1) == 1;
        double chi2 = 0;
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var expected = rowSums[i] * columnSums[j] / total;
                var difference = observed[i, j] - expected;
                if (yates)
                {
                    difference = Math.Sign(difference) * Math.Max(Math.Abs(difference) - 0.5, 0);
                }

                chi2 += difference * difference / expected;
            }
        }

        return chi2;
    }
}
