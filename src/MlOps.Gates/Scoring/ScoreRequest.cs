using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;

namespace MlOps.Gates.Scoring;

/// <summary>
/// A batch scoring: a model file (ML.NET <c>.zip</c> or ONNX), the data it scores, where the predictions go and which
/// of the data's columns are kept beside them.
/// </summary>
public sealed record ScoreRequest
{
    public required string Model { get; init; }

    public required string ModelDisplayPath { get; init; }

    public required DatasetOptions Data { get; init; }

    public required string Output { get; init; }

    public required string OutputDisplayPath { get; init; }

    /// <summary>csv, tsv or parquet; from the output's extension when not given.</summary>
    public DataFormat? OutputFormat { get; init; }

    public IReadOnlyList<string> Keep { get; init; } = [];

    public ModelInputs Io { get; init; } = new();

    public EvaluationTask? Task { get; init; }
}
