namespace MlOps.Gates.Quality;

/// <summary>How many columns a kind of check names.</summary>
public enum ColumnArity
{
    None,
    One,
    Many,
}

/// <summary>A kind of check: its name in gates files, its finding code, and the Great Expectations names it accepts.</summary>
public sealed record CheckKind(string Name, string Code, ColumnArity Columns, string Summary, params string[] GreatExpectationsNames);
