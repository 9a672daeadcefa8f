using Microsoft.ML.Data;

namespace MlOps.Gates.Models;

/// <summary>A column a model reads, of the model's type, made from one data column or, for a vector, several in order.</summary>
public sealed record DataViewColumn(string Name, DataViewType Type, IReadOnlyList<string> Sources);
