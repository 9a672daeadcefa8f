namespace MlOps.Gates.Evaluation;

/// <summary>
/// The bar one metric must clear, with MLflow's meaning: an absolute <see cref="Threshold"/>, and against a baseline a
/// minimum absolute and relative improvement. <see cref="GreaterIsBetter"/> is known from the metric's name unless set.
/// Beyond MLflow: <see cref="RequireSignificant"/> (an improvement the change rules ask for must be significant at this
/// level) and <see cref="NonInferiorityMargin"/> (the candidate must be, with the gate's confidence, no worse than the
/// baseline by more than this).
/// </summary>
public sealed record MetricThreshold(
    string Metric,
    double? Threshold = null,
    double? MinAbsoluteChange = null,
    double? MinRelativeChange = null,
    bool? GreaterIsBetter = null,
    bool FailOnMissingBaseline = false,
    double? RequireSignificant = null,
    double? NonInferiorityMargin = null)
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase)
    {
        "log_loss", "mse", "rmse", "mae", "loss", "error", "error_rate", "false_positives", "false_negatives",
    };

    public bool Greater => GreaterIsBetter ?? !LowerIsBetter.Contains(Metric);

    /// <summary>Whether any rule needs a baseline to be judged.</summary>
    public bool NeedsBaseline => MinAbsoluteChange is not null || MinRelativeChange is not null || RequireSignificant is not null || NonInferiorityMargin is not null;
}
