namespace MlOps.Gates.Evaluation;

/// <summary>
/// The bar one metric must clear, with MLflow's meaning: an absolute <see cref="Threshold"/>, and against a baseline a
/// minimum absolute and relative improvement. <see cref="GreaterIsBetter"/> is known from the metric's name unless set.
/// </summary>
public sealed record MetricThreshold(
    string Metric,
    double? Threshold = null,
    double? MinAbsoluteChange = null,
    double? MinRelativeChange = null,
    bool? GreaterIsBetter = null,
    bool FailOnMissingBaseline = false)
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase)
    {
        "log_loss", "mse", "rmse", "mae", "loss", "error", "error_rate",
    };

    public bool Greater => GreaterIsBetter ?? !LowerIsBetter.Contains(Metric);
}
