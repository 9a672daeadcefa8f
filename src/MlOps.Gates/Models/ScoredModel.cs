using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Models;

/// <summary>A model's predictions on a dataset, with the task its outputs show and the classes it names, if any.</summary>
public sealed record ScoredModel(EvaluationTask Task, IReadOnlyList<string>? Classes, ModelOutput Output, int Rows);
