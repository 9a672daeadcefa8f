using MlOps.Gates.Config;
using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>
/// One check's settings as its kind reads them: typed values, each key read marked as known (any other is an
/// unknown-key error at its place), and errors reported at the key they are about.
/// </summary>
public sealed class CheckReading
{
    internal CheckReading(YamlMap settings, string context, SuiteOptions? options = null)
    {
        Settings = settings;
        Context = context;
        Options = options ?? SuiteOptions.Default;
    }

    internal SuiteOptions Options { get; }

    /// <summary>Another table a setting names: a dataset of the gates file or a data file beside it; null (with the error reported) when it names none.</summary>
    public Data.DatasetOptions? Table(string key, params string[] aliases)
    {
        if (Options.Tables is null)
        {
            Error(ErrorCodes.InvalidValue, $"'{key}' names another table, which only a gates file's data-quality gate can resolve", key);
            return null;
        }

        return Options.Tables(Settings, key, aliases);
    }

    /// <summary>How messages name the check: <c>gate 'churn' checks[2]</c>.</summary>
    public string Context { get; }

    internal YamlMap Settings { get; }

    internal ConfigDiagnostics Diagnostics => Settings.Diagnostics;

    public string? String(string key, bool required = false, params string[] aliases) => Settings.String(key, required, aliases);

    public double? Double(string key, bool required = false, params string[] aliases) => Settings.Double(key, required, aliases);

    public long? Long(string key, bool required = false, params string[] aliases) => Settings.Long(key, required, aliases);

    public bool? Bool(string key, params string[] aliases) => Settings.Bool(key, aliases);

    public IReadOnlyList<string>? StringList(string key, bool required = false, params string[] aliases) => Settings.StringList(key, required, aliases);

    /// <summary>A value from a fixed set of words, compared without case.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false, params string[] aliases)
        where T : struct => Settings.Choice(key, choices, required, aliases);

    /// <summary>Whether the settings give the key (or one of its aliases), without reading it.</summary>
    public bool Has(string key, params string[] aliases) => Settings.Has(key, aliases);

    /// <summary>Keys the kind accepts without reading them (Great Expectations' bookkeeping).</summary>
    public void Allow(params string[] keys) => Settings.Allow(keys);

    /// <summary>Bounds as <c>min</c>/<c>max</c> (Great Expectations' <c>min_value</c>/<c>max_value</c>) with <c>strict_min</c>/<c>strict_max</c>.</summary>
    public Range Range()
    {
        var min = Double("min", false, "min_value");
        var max = Double("max", false, "max_value");
        var strictMin = Bool("strict_min") ?? false;
        var strictMax = Bool("strict_max") ?? false;
        if (min is null && max is null && !Has("min", "min_value") && !Has("max", "max_value"))
        {
            Error(ErrorCodes.MissingKey, "give 'min', 'max' or both");
        }

        if (min > max)
        {
            Error(ErrorCodes.InvalidValue, $"'min' ({min}) is greater than 'max' ({max})", "min", "min_value");
        }

        return new Range(min, max, strictMin, strictMax);
    }

    /// <summary>A share in [0, 1].</summary>
    public double? Share(string key, bool required = true)
    {
        var value = Double(key, required);
        if (value is < 0 or > 1)
        {
            Error(ErrorCodes.InvalidValue, $"'{key}' is a share and must be between 0 and 1", key);
        }

        return value;
    }

    /// <summary>An error at the first of <paramref name="keys"/> the settings give, or at the check when none.</summary>
    public void Error(string code, string message, params string[] keys)
    {
        var node = keys.Length == 0 ? null : Settings.Get(keys[0], keys[1..]);
        Diagnostics.Error(code, $"{Context}: {message}", node ?? Settings.Node);
    }
}
