namespace MlOps.Gates.Evaluation;

/// <summary>
/// Regression metrics with scikit-learn's definitions: mse, rmse, mae and r2 (1 - SSres / SStot; 1 or 0 for a constant
/// target, as scikit-learn gives). Rows may carry integer weights, as in <see cref="BinaryMetrics"/>.
/// </summary>
public static class RegressionMetrics
{
    public static Dictionary<string, double> Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<int> weights = default)
    {
        var weighted = !weights.IsEmpty;
        double squares = 0, absolute = 0, mean = 0, n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double w = weighted ? weights[i] : 1;
            var error = actual[i] - predicted[i];
            squares += w * error * error;
            absolute += w * Math.Abs(error);
            mean += w * actual[i];
            n += w;
        }

        mean /= n;
        double total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double w = weighted ? weights[i] : 1;
            total += w * (actual[i] - mean) * (actual[i] - mean);
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
