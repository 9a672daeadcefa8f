namespace MlOps.Gates.Config;

/// <summary>
/// A file a gate reads, by its role: <c>dataset</c>, <c>reference</c>, <c>current</c>, <c>data</c> (the datasets a
/// registration fingerprints), <c>model</c>, <c>baseline</c>, <c>suite</c>.
/// </summary>
public sealed record GateInput(string Role, string Path, string DisplayPath)
{
    /// <summary>Whether the file is a dataset, as a version's lineage records them.</summary>
    public bool IsDataset => Role is "dataset" or "reference" or "current" or "data";
}
