using MlOps.Gates.Data;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Config;

/// <summary>A <c>data_quality</c> gate: a suite of checks over one dataset.</summary>
public sealed record DataQualityGate : GateDefinition
{
    public const string TypeName = "data_quality";

    public override string Type => TypeName;

    public required DatasetOptions Dataset { get; init; }

    /// <summary>The checks as declared; the runner makes a fresh evaluator of each for every run.</summary>
    public required IReadOnlyList<CheckDefinition> Checks { get; init; }

    /// <summary>Expectations of a suite this version does not implement, skipped with a warning each (<c>unsupported: warn</c>).</summary>
    public IReadOnlyList<SkippedExpectation> Skipped { get; init; } = [];

    /// <summary>The suite file the checks came from, when they came from one.</summary>
    public string? Suite { get; init; }

    public override GateDefinition? OnRecentData(DatasetOptions recent) => this with { Dataset = recent };

    public override IReadOnlyList<GateInput> Inputs =>
        [new("dataset", Dataset.Path, Dataset.DisplayPath), .. Suite is null ? Array.Empty<GateInput>() : [new("suite", Suite, Suite)]];
}
