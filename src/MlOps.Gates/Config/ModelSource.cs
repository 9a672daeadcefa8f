namespace MlOps.Gates.Config;

/// <summary>Where a model's predictions come from: a model file (ML.NET .zip or .onnx), a predictions file, or a registry alias.</summary>
public sealed record ModelSource(ModelSourceKind Kind, string Path, string DisplayPath)
{
    /// <summary>For a registry reference <c>registry:NAME@ALIAS</c>: the model's name and alias.</summary>
    public (string Name, string Alias)? Registry { get; init; }
}
