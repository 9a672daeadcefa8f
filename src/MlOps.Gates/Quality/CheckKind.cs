namespace MlOps.Gates.Quality;

/// <summary>How many columns a kind of check names.</summary>
public enum ColumnArity
{
    None,
    One,
    Many,

    /// <summary>Two columns, A and B (Great Expectations' <c>column_A</c> and <c>column_B</c>).</summary>
    Pair,
}

/// <summary>
/// A kind of check: its name in gates files, its finding code, how many columns it names, and how it reads its own
/// settings. <see cref="Read"/> runs once, when the gates file loads, and reports bad settings through the reading at
/// their place; what it returns makes the evaluator of one run, so a loaded configuration runs any number of times.
/// </summary>
public sealed record CheckKind(string Name, string Code, ColumnArity Columns, string Summary, Func<CheckReading, Func<CheckSpec, Check>?> Read)
{
    /// <summary>Great Expectations' expectation types that mean this check.</summary>
    public IReadOnlyList<string> GreatExpectationsNames { get; init; } = [];
}
