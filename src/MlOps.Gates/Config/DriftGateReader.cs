using MlOps.Gates.Data;
using MlOps.Gates.Drift;

namespace MlOps.Gates.Config;

/// <summary>Reads a <c>drift</c> gate: reference, current, columns, tests, thresholds, drift share and correction.</summary>
internal static class DriftGateReader
{
    private static readonly Dictionary<string, Correction> Corrections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = Correction.None,
        ["bonferroni"] = Correction.Bonferroni,
        ["benjamini-hochberg"] = Correction.BenjaminiHochberg,
        ["bh"] = Correction.BenjaminiHochberg,
        ["fdr_bh"] = Correction.BenjaminiHochberg,
    };

    private static readonly Dictionary<string, string> ColumnTypeNames = new[] { "numeric", "categorical", "binary", "datetime", "text", "id" }
        .ToDictionary(t => t, t => t, StringComparer.OrdinalIgnoreCase);

    public static DriftGate? Read(YamlMap map, string? name, Dictionary<string, DatasetOptions> datasets, string baseDirectory, ConfigDiagnostics diagnostics, string context)
    {
        var reference = GatesConfigLoader.ReadGateDataset(map, "reference", datasets, baseDirectory, diagnostics, context);
        var current = GatesConfigLoader.ReadGateDataset(map, "current", datasets, baseDirectory, diagnostics, context);
        var columns = map.StringList("columns");
        var exclude = map.StringList("exclude") ?? [];
        var test = ReadTest(map, "stattest", diagnostics, context);
        var threshold = map.Double("threshold", false, "stattest_threshold");
        var share = map.Double("drift_share") ?? 0.5;
        if (share is < 0 or > 1)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'drift_share' must be between 0 and 1", map.Get("drift_share")!);
        }

        var correction = map.Choice("correction", Corrections) ?? Correction.None;
        var target = map.String("target");
        string? model = null;
        if (map.String("model") is { } modelText)
        {
            model = Path.GetFullPath(Path.Combine(baseDirectory, modelText));
            diagnostics.RequireInside(model, $"{context}: model", map.Get("model")!);
            if (!File.Exists(model))
            {
                diagnostics.Error(ErrorCodes.FileNotFound, $"{context}: model '{modelText}' not found", map.Get("model")!);
            }
        }
        var columnTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("column_types") is { } typesMap)
        {
            foreach (var column in typesMap.Keys.ToList())
            {
                if (typesMap.String(column) is { } type)
                {
                    if (ColumnTypeNames.TryGetValue(type, out var known))
                    {
                        columnTypes[column] = known;
                    }
                    else
                    {
                        diagnostics.Error(ErrorCodes.InvalidValue, $"{context} column_types: '{column}' must be one of {string.Join(", ", ColumnTypeNames.Keys)}; got '{type}'", typesMap.Get(column)!);
                    }
                }
            }
        }

        var perColumn = new Dictionary<string, (DriftTest?, double?)>(StringComparer.Ordinal);
        if (map.Map("per_column") is { } columnsMap)
        {
            foreach (var column in columnsMap.Keys.ToList())
            {
                var node = columnsMap.Get(column)!;
                var settings = YamlMap.From(node, diagnostics, $"{context} per_column.{column}");
                if (settings is null)
                {
                    continue;
                }

                perColumn[column] = (ReadTest(settings, "stattest", diagnostics, context), settings.Double("threshold"));
                settings.RejectUnknownKeys();
            }
        }

        if (name is null || reference is null || current is null)
        {
            return null;
        }

        return new DriftGate
        {
            Name = name,
            Reference = reference,
            Current = current,
            Columns = columns,
            Exclude = exclude,
            Test = test,
            Threshold = threshold,
            DriftShare = share,
            Correction = correction,
            PerColumn = perColumn,
            ColumnTypes = columnTypes,
            Target = target,
            Model = model,
            ModelDisplayPath = model is null ? null : DisplayPaths.Relative(baseDirectory, model),
            Location = diagnostics.Declared(map.Node),
        };
    }

    private static DriftTest? ReadTest(YamlMap map, string key, ConfigDiagnostics diagnostics, string context)
    {
        var text = map.String(key);
        if (text is null || text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var test = DriftTest.Find(text);
        if (test is null)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: unknown stattest '{text}'; use auto or one of {string.Join(", ", DriftTest.All.Select(t => t.Name))}", map.Get(key)!);
        }

        return test;
    }
}
