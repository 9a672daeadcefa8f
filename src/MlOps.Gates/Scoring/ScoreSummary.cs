using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Scoring;

/// <summary>What a batch scoring wrote: rows, the task the model's outputs show, and the columns in file order.</summary>
public sealed record ScoreSummary(long Rows, EvaluationTask Task, IReadOnlyList<string> Columns, IReadOnlyList<string>? Classes);
