namespace MlOps.Gates.Drift;

/// <summary>
/// Adjusts p-values for the number of columns tested: Bonferroni (p times m, at most 1) or Benjamini-Hochberg's
/// step-up adjustment, which controls the false discovery rate.
/// </summary>
public static class MultipleTesting
{
    public static double[] Adjust(IReadOnlyList<double> pValues, Correction correction)
    {
        var m = pValues.Count;
        switch (correction)
        {
            case Correction.Bonferroni:
                return pValues.Select(p => Math.Min(1, p * m)).ToArray();
            case Correction.BenjaminiHochberg:
                var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
                var adjusted = new double[m];
                var running = 1.0;
                for (var rank = m; rank >= 1; rank--)
                {
                    var index = order[rank - 1];
                    running = Math.Min(running, pValues[index] * m / rank);
                    adjusted[index] = Math.Min(1, running);
                }

                return adjusted;
            default:
                return pValues.ToArray();
        }
    }
}
