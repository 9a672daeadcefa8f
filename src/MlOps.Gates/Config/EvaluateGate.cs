using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Results;

namespace MlOps.Gates.Config;

/// <summary>
/// An <c>evaluate</c> gate: a candidate model (an ML.NET or ONNX file scored on labelled data, or a predictions file)
/// judged against thresholds and, when there is one, a baseline.
/// </summary>
public sealed record EvaluateGate : GateDefinition
{
    public const string TypeName = "evaluate";

    public override string Type => TypeName;

    /// <summary>The candidate model file; null when the candidate is a predictions file.</summary>
    public ModelSource? Model { get; init; }

    /// <summary>The labelled data a model scores, or the predictions file that holds labels and predictions.</summary>
    public required DatasetOptions Data { get; init; }

    public required EvaluationColumns Columns { get; init; }

    public ModelInputs Io { get; init; } = new();

    /// <summary>What the candidate is compared with: a model file, a predictions file or a registry alias; null for none.</summary>
    public ModelSource? Baseline { get; init; }

    public required EvaluationSettings Settings { get; init; }

    /// <summary>Set for a shadow comparison: the data has no labels, and the candidate is compared with the baseline's predictions.</summary>
    public ShadowSettings? Shadow { get; init; }

    /// <summary>Where each metric's thresholds are written, so a failed metric points at its own line.</summary>
    public IReadOnlyDictionary<string, SourceLocation> ThresholdLocations { get; init; } = new Dictionary<string, SourceLocation>();

    public override GateDefinition? OnRecentData(DatasetOptions recent) => this with { Data = recent };

    public override IReadOnlyList<GateInput> Inputs =>
    [
        new("data", Data.Path, Data.DisplayPath),
        .. Model is null ? Array.Empty<GateInput>() : [new("model", Model.Path, Model.DisplayPath)],
        .. Baseline is { Kind: not ModelSourceKind.Registry } baseline ? [new GateInput("baseline", baseline.Path, baseline.DisplayPath)] : Array.Empty<GateInput>(),
    ];
}
