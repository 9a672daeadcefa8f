namespace MlOps.Gates.Profiling;

/// <summary>A dataset's profile: its rows and a profile per column, in header order.</summary>
public sealed record DatasetProfile(string Name, string DisplayPath, long Rows, IReadOnlyList<ColumnProfile> Columns);
