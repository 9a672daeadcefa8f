using MlOps.Gates.Data;
using MlOps.Gates.Kinds;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>
/// Reads <c>mlops-gates.yml</c> and suite files. Every problem is reported with the file's own line and column,
/// all of them at once, before any data is read.
/// </summary>
public static class GatesConfigLoader
{
    private static readonly Dictionary<string, DataFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = DataFormat.Csv,
        ["tsv"] = DataFormat.Tsv,
        ["parquet"] = DataFormat.Parquet,
    };

    private static readonly Dictionary<string, Severity> FailOnLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = Severity.Error,
        ["warning"] = Severity.Warning,
    };

    /// <param name="requireInputs">False to read a gates file for its registry section, whose gates' files need not exist.</param>
    /// <param name="runsOnly">The gates a command will run, when it runs only some (monitor --gate): the files of the
    /// others need not exist, as a nightly job has no model that only a build trains.</param>
    /// <param name="surroundings">What the front end read from the machine (MLflow's variables, the CI's); none by default.</param>
    /// <param name="kinds">The gate kinds the file may use (default: <see cref="GateKinds.Default"/>).</param>
    public static GatesConfig Load(string path, bool requireInputs = true, IReadOnlyCollection<string>? runsOnly = null, Surroundings? surroundings = null, IReadOnlyList<IGateKind>? kinds = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var baseDirectory = System.IO.Path.GetDirectoryName(fullPath)!;
        var diagnostics = new ConfigDiagnostics(path, System.IO.Path.GetFileName(fullPath)) { RequireInputs = requireInputs };
        var root = ReadRoot(fullPath, path, diagnostics);
        var map = YamlMap.From(root, diagnostics, "gates file");
        if (map is null)
        {
            diagnostics.ThrowIfAny();
            throw new InvalidOperationException("unreachable");
        }

        diagnostics.Inputs = new InputPaths(InputPaths.RepositoryRoot(baseDirectory), map.Bool("allow_outside") ?? false);
        var version = map.Long("version");
        if (version is not null and not 1)
        {
            diagnostics.Error(ErrorCodes.UnsupportedVersion, $"gates file version {version} is not supported; this tool reads version 1", map.Get("version")!);
        }

        var datasets = new Dictionary<string, DatasetOptions>(StringComparer.Ordinal);
        if (map.Map("datasets") is { } datasetMap)
        {
            foreach (var name in datasetMap.Keys.ToList())
            {
                var node = datasetMap.Get(name)!;
                var dataset = ReadDataset(name, node, baseDirectory, diagnostics, $"datasets.{name}");
                if (dataset is not null)
                {
                    datasets[name] = dataset;
                }
            }
        }

        var gates = new List<GateDefinition>();
        var gateNames = new HashSet<string>(StringComparer.Ordinal);
        var gateList = map.Sequence("gates", required: true);
        if (gateList is { Children.Count: 0 })
        {
            diagnostics.Error(ErrorCodes.InvalidValue, "gates file: 'gates' is empty; declare at least one gate", gateList);
        }

        for (var i = 0; i < (gateList?.Children.Count ?? 0); i++)
        {
            diagnostics.RequireInputs = requireInputs && (runsOnly is null || runsOnly.Contains(GateName(gateList!.Children[i]) ?? string.Empty));
            var gate = ReadGate(gateList!.Children[i], i, datasets, baseDirectory, diagnostics, kinds ?? GateKinds.Default);
            diagnostics.RequireInputs = requireInputs;
            if (gate is null)
            {
                continue;
            }

            if (!gateNames.Add(gate.Name))
            {
                diagnostics.Error(ErrorCodes.DuplicateName, $"gates[{i}]: a gate named '{gate.Name}' is declared twice", gateList.Children[i]);
            }

            gates.Add(gate);
        }

        var reports = ReadReports(map.Map("reports"), baseDirectory, diagnostics);
        var registry = RegistrySettingsReader.Read(map.Map("registry"), baseDirectory, diagnostics, surroundings ?? Surroundings.None);
        var failOn = map.Choice("fail_on", FailOnLevels);
        var card = CardSectionReader.Read(map.Map("card"));
        map.Allow("$schema");
        map.RejectUnknownKeys();
        diagnostics.ThrowIfAny();
        return new GatesConfig
        {
            Path = fullPath,
            BaseDirectory = baseDirectory,
            Datasets = datasets,
            Gates = gates,
            Reports = reports,
            FailOn = failOn,
            Registry = registry,
            Card = card,
            Surroundings = surroundings ?? Surroundings.None,
        };
    }

    /// <summary>Reads a suite file (its own <c>checks</c>, or Great Expectations' JSON suite) into a one-gate config over a dataset.</summary>
    /// <param name="checks">The check kinds the suite may use (default: <see cref="CheckCatalog.Default"/>).</param>
    /// <param name="options">Evaluation parameters and what an unimplemented expectation does (default: an error).</param>
    public static GatesConfig LoadSuite(string suitePath, DatasetOptions dataset, string baseDirectory, CheckCatalog? checks = null, SuiteOptions? options = null)
    {
        var skipped = new List<SkippedExpectation>();
        var known = new Dictionary<string, DatasetOptions> { [dataset.Name] = dataset };
        var reading = (options ?? SuiteOptions.Default) with
        {
            Tables = (settings, key, aliases) => ReadGateDataset(settings, key, known, baseDirectory, settings.Diagnostics, settings.Context, aliases),
        };
        var definitions = ReadSuite(suitePath, suitePath, checks ?? CheckCatalog.Default, reading, skipped, out var name);
        return new GatesConfig
        {
            BaseDirectory = baseDirectory,
            Datasets = new Dictionary<string, DatasetOptions> { [dataset.Name] = dataset },
            Gates = [new DataQualityGate { Name = name ?? System.IO.Path.GetFileNameWithoutExtension(suitePath), Dataset = dataset, Checks = definitions, Skipped = skipped }],
        };
    }

    private static YamlNode ReadRoot(string fullPath, string displayPath, ConfigDiagnostics diagnostics)
    {
        if (Directory.Exists(fullPath))
        {
            throw new GatesInputException(ErrorCodes.ConfigNotFound, $"{displayPath} is a directory, not a gates file");
        }

        if (!File.Exists(fullPath))
        {
            throw new GatesInputException(ErrorCodes.ConfigNotFound, $"gates file not found: {displayPath}");
        }

        BoundedYamlParser? parser = null;
        try
        {
            using var reader = new StreamReader(fullPath);
            parser = new BoundedYamlParser(new Parser(reader));
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                throw new GatesInputException(ErrorCodes.EmptyConfig, $"{displayPath} is empty: a gates file needs at least 'gates:'", new SourceLocation(displayPath, 1, 1));
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            throw new GatesInputException(ErrorCodes.YamlSyntax, $"invalid YAML: {StripPosition(message)}", diagnostics.At(e.Start), e);
        }
        catch (ArgumentException e) when (parser is not null)
        {
            // YamlDotNet's node builder refuses some malformed structures this way (a key with no text, say).
            throw new GatesInputException(ErrorCodes.YamlSyntax, $"invalid YAML: {e.Message.Split(" (Parameter", 2)[0]}", diagnostics.At(parser.LastMark), e);
        }
        catch (InvalidOperationException e) when (parser is not null)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections ("{path: g.csv" then a new key).
            throw new GatesInputException(ErrorCodes.YamlSyntax, "invalid YAML: a flow mapping or sequence ('{' or '[') is not closed", diagnostics.At(parser.OpenedAt), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesInputException(ErrorCodes.ConfigNotFound, $"cannot read {displayPath}: {IoErrors.Describe(e)}", null, e);
        }
    }

    private static string StripPosition(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && index > 0 ? message[(index + 3)..] : message;
    }

    private static DatasetOptions? ReadDataset(string name, YamlNode node, string baseDirectory, ConfigDiagnostics diagnostics, string context)
    {
        if (!Names.IsValid(name))
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: dataset names use letters, digits, '.', '_' and '-' (at most {Names.MaxLength} characters)", node);
        }

        if (node is YamlScalarNode)
        {
            var text = new YamlMap(new YamlMappingNode(), diagnostics, context).ScalarText(node, "path");
            return text is null ? null : Dataset(name, text, node, baseDirectory, diagnostics, context, null);
        }

        var map = YamlMap.From(node, diagnostics, context);
        var path = map?.String("path", required: true);
        if (map is null || path is null)
        {
            map?.RejectUnknownKeys();
            return null;
        }

        var dataset = Dataset(name, path, map.Get("path")!, baseDirectory, diagnostics, context, map);
        map.RejectUnknownKeys();
        return dataset;
    }

    private static DatasetOptions? Dataset(string name, string path, YamlNode pathNode, string baseDirectory, ConfigDiagnostics diagnostics, string context, YamlMap? map)
    {
        var fullPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
        if (Directory.Exists(fullPath))
        {
            diagnostics.Error(ErrorCodes.DataPathIsDirectory, $"{context}: {path} is a folder, not a data file", pathNode);
        }
        else if (!File.Exists(fullPath))
        {
            diagnostics.Error(ErrorCodes.FileNotFound, $"{context}: data file '{path}' not found (looked in {fullPath})", pathNode);
        }

        diagnostics.RequireInside(fullPath, $"{context}: data file", pathNode);

        var format = map?.Choice("format", Formats) ?? DatasetOptions.FormatFromExtension(path);
        char? delimiter = null;
        if (map?.String("delimiter", false, "sep", "separator") is { } delimiterText)
        {
            delimiterText = DatasetOptions.DelimiterText(delimiterText);
            if (DatasetOptions.DelimiterProblem(delimiterText) is { } problem)
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'delimiter' {problem}", map.Get("delimiter", "sep", "separator")!);
            }
            else
            {
                delimiter = delimiterText[0];
            }
        }

        return new DatasetOptions
        {
            Name = name,
            Path = fullPath,
            DisplayPath = DisplayPaths.Relative(baseDirectory, fullPath),
            Format = format,
            Delimiter = delimiter,
            HasHeader = map?.Bool("header") ?? true,
            NullValues = map?.StringList("null_values", false, "na_values") ?? [""],
            Encoding = map?.String("encoding"),
            AllowEmpty = map?.Bool("allow_empty") ?? false,
            DeclaredAt = diagnostics.At(pathNode),
        };
    }

    private static string? GateName(YamlNode node) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode scalar ? scalar.Value : null;

    private static GateDefinition? ReadGate(YamlNode node, int index, Dictionary<string, DatasetOptions> datasets, string baseDirectory, ConfigDiagnostics diagnostics, IReadOnlyList<IGateKind> kinds)
    {
        var context = $"gates[{index}]";
        var map = YamlMap.From(node, diagnostics, context);
        if (map is null)
        {
            return null;
        }

        var name = map.String("name", required: true);
        if (name is not null)
        {
            context = $"gate '{name}'";
        }

        var type = map.String("type") ?? DataQualityGate.TypeName;
        var kind = kinds.FirstOrDefault(k => k.TypeNames.Contains(type, StringComparer.Ordinal));
        if (kind is null)
        {
            diagnostics.Error(ErrorCodes.UnknownReference, $"{context}: unknown gate type '{type}'; this version knows: {string.Join(", ", kinds.Select(k => k.TypeNames[0]))}", map.Get("type")!);
            map.Allow(map.Keys.ToArray());
            return null;
        }

        var gate = kind.Read(new GateReading(map, name, datasets, baseDirectory, diagnostics, context, node));
        map.RejectUnknownKeys();
        return gate;
    }

    /// <summary>A data_quality gate's own keys: its dataset and its checks, inline or from a suite file.</summary>
    internal static DataQualityGate? ReadDataQuality(GateReading gate, CheckCatalog catalog)
    {
        var (map, name, datasets, baseDirectory, diagnostics, context, node) = (gate.Map, gate.Name, gate.Datasets, gate.BaseDirectory, gate.Diagnostics, gate.Context, gate.Node);
        var dataset = ReadGateDataset(map, "dataset", datasets, baseDirectory, diagnostics, context, "data");
        var options = ReadSuiteOptions(map, diagnostics, context) with
        {
            Tables = (settings, key, aliases) => ReadGateDataset(settings, key, datasets, baseDirectory, settings.Diagnostics, settings.Context, aliases),
        };
        var skipped = new List<SkippedExpectation>();
        var checks = new List<CheckDefinition>();
        var checkList = map.Sequence("checks", false, "expectations");
        var suite = map.String("suite");
        string? suiteFile = null;
        if (checkList is null && suite is null)
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: give 'checks' or a 'suite' file", node);
        }

        diagnostics.Parameters = options.Parameters;
        for (var i = 0; i < (checkList?.Children.Count ?? 0); i++)
        {
            var check = catalog.Parse(checkList!.Children[i], diagnostics, $"{context} checks[{i}]", options, skipped);
            if (check is not null)
            {
                checks.Add(check);
            }
        }

        diagnostics.Parameters = SuiteOptions.Default.Parameters;

        if (suite is not null)
        {
            var suitePath = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, suite));
            diagnostics.RequireInside(suitePath, $"{context}: suite file", map.Get("suite")!);
            if (!File.Exists(suitePath))
            {
                diagnostics.Error(ErrorCodes.FileNotFound, $"{context}: suite file '{suite}' not found", map.Get("suite")!);
            }
            else
            {
                try
                {
                    checks.AddRange(ReadSuite(suitePath, DisplayPaths.Relative(baseDirectory, suitePath), catalog, options, skipped, out _));
                    suiteFile = suitePath;
                }
                catch (GatesInputException e)
                {
                    foreach (var error in e.Errors)
                    {
                        diagnostics.Error(error.Code, error.Message, error.Location ?? diagnostics.At(map.Get("suite")!));
                    }
                }
            }
        }

        if (name is null || dataset is null)
        {
            return null;
        }

        return new DataQualityGate
        {
            Name = name,
            Dataset = dataset,
            Checks = UniqueIds(checks),
            Suite = suiteFile,
            Skipped = skipped,
            Location = diagnostics.Declared(node),
        };
    }

    /// <summary>A data-quality gate's <c>unsupported: error|warn</c> and its evaluation <c>parameters</c>.</summary>
    private static SuiteOptions ReadSuiteOptions(YamlMap map, ConfigDiagnostics diagnostics, string context)
    {
        var warn = map.Choice("unsupported", new Dictionary<string, bool>(StringComparer.Ordinal) { ["error"] = false, ["warn"] = true }) ?? false;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("parameters", false, "evaluation_parameters") is { } given)
        {
            foreach (var key in given.Keys.ToList())
            {
                if (given.String(key) is { } value)
                {
                    parameters[key] = value;
                }
            }
        }

        return new SuiteOptions { WarnUnsupported = warn, Parameters = parameters };
    }

    /// <summary>A dataset a gate names under a key: a name from 'datasets', or an inline mapping with a path.</summary>
    internal static DatasetOptions? ReadGateDataset(YamlMap map, string key, Dictionary<string, DatasetOptions> datasets, string baseDirectory, ConfigDiagnostics diagnostics, string context, params string[] aliases)
    {
        var node = map.Get(key, aliases);
        if (node is null)
        {
            diagnostics.Error(ErrorCodes.MissingKey, $"{context}: '{key}' is required (a name from 'datasets', a file path or a mapping with a path)", map.Node);
            return null;
        }

        if (node is YamlMappingNode)
        {
            return ReadDataset(key, node, baseDirectory, diagnostics, $"{context} {key}");
        }

        var reference = map.ScalarText(node, key);
        if (reference is null)
        {
            return null;
        }

        if (datasets.TryGetValue(reference, out var dataset))
        {
            return dataset;
        }

        // A file path in place of a dataset name: anything with a folder or an extension.
        if (reference.Contains('/', StringComparison.Ordinal) || reference.Contains('\\', StringComparison.Ordinal) || System.IO.Path.HasExtension(reference))
        {
            return Dataset(key, reference, node, baseDirectory, diagnostics, $"{context} {key}", null);
        }

        var near = Suggest.Nearest(reference, datasets.Keys);
        diagnostics.Error(ErrorCodes.UnknownReference, $"{context}: no dataset named '{reference}' in 'datasets'{(near is null ? string.Empty : $"; did you mean '{near}'?")}", node);
        return null;
    }

    private static List<CheckDefinition> ReadSuite(string fullPath, string displayPath, CheckCatalog catalog, SuiteOptions options, List<SkippedExpectation> skipped, out string? name)
    {
        var diagnostics = new ConfigDiagnostics(displayPath) { Parameters = options.Parameters };
        var root = ReadRoot(fullPath, displayPath, diagnostics);
        var map = YamlMap.From(root, diagnostics, "suite");
        name = null;
        var checks = new List<CheckDefinition>();
        if (map is not null)
        {
            name = map.String("name", false, "expectation_suite_name");
            var list = map.Sequence("checks", false, "expectations");
            if (list is null)
            {
                diagnostics.Error(ErrorCodes.MissingKey, "suite: 'checks' (or Great Expectations' 'expectations') is required", root);
            }

            for (var i = 0; i < (list?.Children.Count ?? 0); i++)
            {
                var check = catalog.Parse(list!.Children[i], diagnostics, $"suite checks[{i}]", options, skipped);
                if (check is not null)
                {
                    checks.Add(check);
                }
            }

            map.Allow("meta", "data_asset_type", "ge_cloud_id", "id", "notes", "$schema");
            map.RejectUnknownKeys();
        }

        diagnostics.ThrowIfAny();
        return UniqueIds(checks);
    }

    private static List<CheckDefinition> UniqueIds(List<CheckDefinition> checks)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            seen[check.Spec.Id] = seen.GetValueOrDefault(check.Spec.Id) + 1;
        }

        var numbered = new Dictionary<string, int>(StringComparer.Ordinal);
        return checks.Select(c =>
        {
            if (seen[c.Spec.Id] == 1)
            {
                return c;
            }

            var n = numbered[c.Spec.Id] = numbered.GetValueOrDefault(c.Spec.Id) + 1;
            return c with { Spec = c.Spec with { Id = $"{c.Spec.Id}#{n}" } };
        }).ToList();
    }

    private static ReportSettings ReadReports(YamlMap? map, string baseDirectory, ConfigDiagnostics diagnostics)
    {
        if (map is null)
        {
            return new ReportSettings();
        }

        var settings = new ReportSettings();
        if (map.String("dir", false, "directory") is { } dir)
        {
            settings = settings with { Directory = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, dir)) };
        }

        if (map.StringList("formats") is { } formats)
        {
            foreach (var format in formats.Where(f => !ReportSettings.KnownFormats.Contains(f)))
            {
                diagnostics.Error(ErrorCodes.InvalidValue, $"reports: unknown format '{format}'; use {string.Join(", ", ReportSettings.KnownFormats)}", map.Get("formats")!);
            }

            settings = settings with { Formats = formats };
        }

        if (map.String("templates") is { } templates)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, templates));
            diagnostics.RequireInside(full, "reports: templates folder", map.Get("templates")!);
            if (!Directory.Exists(full))
            {
                diagnostics.Error(ErrorCodes.FileNotFound, $"reports: templates folder '{templates}' not found", map.Get("templates")!);
            }

            settings = settings with { TemplatesDirectory = full };
        }

        map.RejectUnknownKeys();
        return settings;
    }
}
