namespace MlOps.Gates.Models;

/// <summary>
/// How a model's inputs and outputs meet the data: <see cref="Inputs"/> maps a model input to the data column (or, for a
/// vector input, the columns in order) that feeds it, where the names differ; <see cref="Outputs"/> maps a role
/// (<c>predicted</c>, <c>score</c>, <c>probability</c>) to the model's output that holds it, where the defaults do not fit.
/// </summary>
public sealed record ModelInputs
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Class names of a model that gives only class indices (an ONNX multiclass model, say), in index order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
}
