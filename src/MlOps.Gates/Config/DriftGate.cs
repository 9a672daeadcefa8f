using MlOps.Gates.Data;
using MlOps.Gates.Drift;

namespace MlOps.Gates.Config;

/// <summary>A <c>drift</c> gate: reference against current data, column by column, and the dataset as a whole.</summary>
public sealed record DriftGate : GateDefinition
{
    public const string TypeName = "drift";

    public override string Type => TypeName;

    public required DatasetOptions Reference { get; init; }

    public required DatasetOptions Current { get; init; }

    /// <summary>The columns to test; null tests every column of the reference.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The test for every column; null chooses per column.</summary>
    public DriftTest? Test { get; init; }

    /// <summary>The threshold for every column; null takes each test's default.</summary>
    public double? Threshold { get; init; }

    public double DriftShare { get; init; } = 0.5;

    public Correction Correction { get; init; } = Correction.None;

    public IReadOnlyDictionary<string, (DriftTest? Test, double? Threshold)> PerColumn { get; init; } = new Dictionary<string, (DriftTest?, double?)>();

    /// <summary>An ML.NET model (.zip) that scores both datasets, so its predictions are tested for drift too.</summary>
    public string? Model { get; init; }

    public string? ModelDisplayPath { get; init; }

    /// <summary>A label column present in both datasets, reported as target drift.</summary>
    public string? Target { get; init; }

    /// <summary>Column types the gate declares over the inference: <c>id</c> leaves a column out; any other keeps it in.</summary>
    public IReadOnlyDictionary<string, string> ColumnTypes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override GateDefinition? OnRecentData(DatasetOptions recent) => this with { Current = recent };

    public override IReadOnlyList<GateInput> Inputs =>
        [new("reference", Reference.Path, Reference.DisplayPath), new("current", Current.Path, Current.DisplayPath), .. Model is null ? Array.Empty<GateInput>() : [new("model", Model, ModelDisplayPath ?? Model)]];
}
