namespace MlOps.Gates.Evaluation;

/// <summary>Regression metrics with scikit-learn's definitions: mse, rmse, mae and r2 (1 - SSres / SStot; 1 or 0 for a constant target, as scikit-learn gives).</summary>
public static class RegressionMetrics
{
    public static IReadOnlyDictionary<string, double> Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double squares = 0, absolute = 0, mean = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = actual[i] - predicted[i];
            squares += error * error;
            absolute += Math.Abs(error);
            mean += actual[i];
        }

        double n = actual.Length;
        mean /= n;
        double total = 0;
        foreach (var value in actual)
        {
            total += (value - mean) * (value - mean);
        }

        var mse = squares / n;
        var r2 = total == 0 ? (squares == 0 ? 1.0 : 0.0) : 1 - (squares / total);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mse"] = mse,
            ["rmse"] = Math.Sqrt(mse),
            ["mae"] = absolute / n,
            ["r2"] = r2,
        };
    }
}
