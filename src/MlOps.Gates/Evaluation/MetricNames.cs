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

    /// <summary>The metrics this tool computes, under the names it reports them by.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "accuracy", "precision", "recall", "f1", "roc_auc", "average_precision", "log_loss",
        "true_positives", "false_positives", "true_negatives", "false_negatives",
        "micro_accuracy", "macro_accuracy", "macro_f1", "weighted_f1",
        "rmse", "mse", "mae", "r2",
    ];

    // Other tools' names: scikit-learn, MLflow's evaluator, TFX, ML.NET's metric properties. Looked up by letters and
    // digits alone, case-insensitively, so ML.NET's RootMeanSquaredError, MicroAccuracy and F1Score are
    // root_mean_squared_error, micro_accuracy and f1_score, and each name is listed once in either spelling.
    private static readonly (string Name, string Metric)[] Aliases =
    [
        ("accuracy_score", "accuracy"), ("binary_accuracy", "accuracy"),
        ("precision_score", "precision"), ("PositivePrecision", "precision"),
        ("recall_score", "recall"), ("PositiveRecall", "recall"), ("true_positive_rate", "recall"), ("sensitivity", "recall"),
        ("f1_score", "f1"),
        ("auc", "roc_auc"), ("AreaUnderRocCurve", "roc_auc"), ("roc_auc_score", "roc_auc"),
        ("average_precision_score", "average_precision"), ("AreaUnderPrecisionRecallCurve", "average_precision"),
        ("pr_auc", "average_precision"), ("precision_recall_auc", "average_precision"),
        ("log_loss_score", "log_loss"),
        ("balanced_accuracy", "macro_accuracy"), ("balanced_accuracy_score", "macro_accuracy"),
        ("macro_f1_score", "macro_f1"), ("f1_macro", "macro_f1"), ("f1_weighted", "weighted_f1"), ("weighted_f1_score", "weighted_f1"),
        ("mean_squared_error", "mse"), ("root_mean_squared_error", "rmse"), ("mean_absolute_error", "mae"),
        ("r2_score", "r2"), ("r_squared", "r2"),
    ];

    private static readonly Dictionary<string, string> ByKey = Known.Select(m => (Name: m, Metric: m))
        .Concat(Aliases)
        .ToDictionary(a => Key(a.Name), a => a.Metric, StringComparer.Ordinal);

    /// <summary>The metric a name stands for, or null when it is none this tool computes.</summary>
    public static string? Find(string name) => ByKey.GetValueOrDefault(Key(name));

    /// <summary>The name this tool reports a metric under; multiclass reads plain accuracy as micro accuracy.</summary>
    public static string Canonical(string name, EvaluationTask task)
    {
        var canonical = Find(name) ?? name;
        return task == EvaluationTask.Multiclass && canonical == "accuracy" ? "micro_accuracy" : canonical;
    }

    private static string Key(string name) => string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
