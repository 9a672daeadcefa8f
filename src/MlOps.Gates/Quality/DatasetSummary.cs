namespace MlOps.Gates.Quality;

/// <summary>What the pass over a dataset saw as a whole.</summary>
public sealed record DatasetSummary(string Name, string DisplayPath, long Rows, IReadOnlyList<string> Columns, DateTimeOffset Now);
