namespace MlOps.Gates.Evaluation;

/// <summary>A column rows are sliced by: each row's value as an index into <see cref="Values"/>; -1 where the cell is missing.</summary>
public sealed record SliceColumn(string Name, int[] Codes, IReadOnlyList<string> Values);
