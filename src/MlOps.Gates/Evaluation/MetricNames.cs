namespace MlOps.Gates.Evaluation;

/// <summary>
/// The metrics each task reports first, and the names MLflow, scikit-learn, TFX and ML.NET use for them, so a
/// threshold written in any of those vocabularies finds its metric.
/// </summary>
public static class MetricNames
{
    public static IReadOnlyList<string> Headline(EvaluationTask task) => task switch
    {
        EvaluationTask.Binary => ["accuracy", "precision", "recall", "f1", "roc_auc", "average_precision", "log_loss"],
        EvaluationTask.Multiclass => ["micro_accuracy", "macro_accuracy", "macro_f1", "weighted_f1", "log_loss"],
        _ => ["rmse", "mse", "mae", "r2"],
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accuracy_score"] = "accuracy",
        ["binary_accuracy"] = "accuracy",
        ["precision_score"] = "precision",
        ["positive_precision"] = "precision",
        ["recall_score"] = "recall",
        ["positive_recall"] = "recall",
        ["f1_score"] = "f1",
        ["auc"] = "roc_auc",
        ["area_under_roc_curve"] = "roc_auc",
        ["roc_auc_score"] = "roc_auc",
        ["average_precision_score"] = "average_precision",
        ["area_under_precision_recall_curve"] = "average_precision",
        ["pr_auc"] = "average_precision",
        ["logloss"] = "log_loss",
        ["balanced_accuracy"] = "macro_accuracy",
        ["macro_f1_score"] = "macro_f1",
        ["mean_squared_error"] = "mse",
        ["root_mean_squared_error"] = "rmse",
        ["mean_absolute_error"] = "mae",
        ["r2_score"] = "r2",
        ["r_squared"] = "r2",
        ["rsquared"] = "r2",
    };

    /// <summary>The name this tool reports a metric under; multiclass reads plain accuracy as micro accuracy.</summary>
    public static string Canonical(string name, EvaluationTask task)
    {
        var canonical = Aliases.TryGetValue(name, out var known) ? known : name;
        return task == EvaluationTask.Multiclass && canonical == "accuracy" ? "micro_accuracy" : canonical;
    }
}
