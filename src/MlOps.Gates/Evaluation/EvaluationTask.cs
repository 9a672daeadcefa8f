namespace MlOps.Gates.Evaluation;

/// <summary>What a model predicts, which decides its metrics.</summary>
public enum EvaluationTask
{
    Binary,
    Multiclass,
    Regression,
}
