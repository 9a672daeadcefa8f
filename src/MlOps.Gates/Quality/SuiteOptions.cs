namespace MlOps.Gates.Quality;

/// <summary>
/// How checks from a gates file or a Great Expectations suite are read: what an expectation type this version does
/// not implement does (an error at its line, or with <see cref="WarnUnsupported"/> a warning and a skip, never a
/// silent pass), and the values of evaluation parameters (<c>{"$PARAMETER": "name"}</c> in a suite's kwargs).
/// </summary>
public sealed record SuiteOptions
{
    public static SuiteOptions Default { get; } = new();

    public bool WarnUnsupported { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Resolves a setting that names another table (a dataset of the gates file, or a data file beside it), reporting
    /// what is wrong at the setting; null where no other table can be named.
    /// </summary>
    internal Func<Config.YamlMap, string, string[], Data.DatasetOptions?>? Tables { get; init; }
}
