using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Results;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Kinds;

/// <summary>
/// One gate's mapping in the gates file as its kind reads it: typed values and datasets, each key read marked as known
/// (any other is an unknown-key error at its place), and errors reported at the key they are about.
/// </summary>
public sealed class GateReading
{
    internal GateReading(YamlMap map, string? name, Dictionary<string, DatasetOptions> datasets, string baseDirectory, ConfigDiagnostics diagnostics, string context, YamlNode node)
    {
        Map = map;
        Name = name;
        Datasets = datasets;
        BaseDirectory = baseDirectory;
        Diagnostics = diagnostics;
        Context = context;
        Node = node;
    }

    /// <summary>The gate's name; null when the file gives none (already reported).</summary>
    public string? Name { get; }

    /// <summary>The folder paths in the gates file are relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>How messages name the gate: <c>gate 'churn'</c>.</summary>
    public string Context { get; }

    /// <summary>Where the gate is declared; null for a gate given on the command line.</summary>
    public SourceLocation? Location => Diagnostics.Declared(Node);

    internal YamlMap Map { get; }

    internal Dictionary<string, DatasetOptions> Datasets { get; }

    internal ConfigDiagnostics Diagnostics { get; }

    internal YamlNode Node { get; }

    public string? String(string key, bool required = false) => Map.String(key, required);

    public double? Double(string key, bool required = false) => Map.Double(key, required);

    public long? Long(string key, bool required = false) => Map.Long(key, required);

    public bool? Bool(string key) => Map.Bool(key);

    public IReadOnlyList<string>? StringList(string key, bool required = false) => Map.StringList(key, required);

    /// <summary>A dataset named under <paramref name="key"/>: a name from the file's datasets or an inline mapping with a path.</summary>
    public DatasetOptions? Dataset(string key) => GatesConfigLoader.ReadGateDataset(Map, key, Datasets, BaseDirectory, Diagnostics, Context);

    /// <summary>A file the gate names, relative to the gates file, which must exist and stay inside the repository.</summary>
    public string? File(string key, bool required = false)
    {
        var text = Map.String(key, required);
        if (text is null)
        {
            return null;
        }

        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseDirectory, text));
        Diagnostics.RequireInside(path, $"{Context}: '{key}'", Map.Get(key)!);
        if (!System.IO.File.Exists(path))
        {
            Diagnostics.Error(ErrorCodes.FileNotFound, $"{Context}: {key} '{text}' not found (looked in {path})", Map.Get(key)!);
            return null;
        }

        return path;
    }

    /// <summary>An error at the key it is about, or at the gate when no key is named.</summary>
    public void Error(string code, string message, string? key = null) =>
        Diagnostics.Error(code, $"{Context}: {message}", key is not null && Map.Get(key) is { } value ? value : Node);
}
