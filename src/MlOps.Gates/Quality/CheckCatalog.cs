using MlOps.Gates.Config;
using MlOps.Gates.Results;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Quality;

/// <summary>
/// The check kinds a gates file may use, and how one check is read: <c>expect: KIND</c> with its settings beside it,
/// or Great Expectations' <c>expectation_type</c> with <c>kwargs</c>, so existing suites carry over. The built-in kinds
/// are <see cref="Default"/>; a host adds its own with <see cref="With"/>.
/// </summary>
public sealed class CheckCatalog
{
    private static readonly Dictionary<string, Severity> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = Severity.Error,
        ["warning"] = Severity.Warning,
        ["critical"] = Severity.Error,
        ["warn"] = Severity.Warning,
    };

    private readonly Dictionary<string, CheckKind> _byName;

    public CheckCatalog(IEnumerable<CheckKind> kinds)
    {
        Kinds = kinds.ToList();
        _byName = new Dictionary<string, CheckKind>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            foreach (var name in kind.GreatExpectationsNames.Prepend(kind.Name))
            {
                if (!_byName.TryAdd(name, kind))
                {
                    throw new ArgumentException($"two check kinds are named '{name}'", nameof(kinds));
                }
            }
        }
    }

    /// <summary>The kinds this version ships.</summary>
    public static CheckCatalog Default { get; } = new(BuiltInChecks.Kinds);

    public IReadOnlyList<CheckKind> Kinds { get; }

    /// <summary>This catalogue and the given kinds besides.</summary>
    public CheckCatalog With(params CheckKind[] kinds) => new(Kinds.Concat(kinds));

    public CheckKind? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Reads one check: either <c>expect: KIND</c> with its settings beside it, or Great Expectations'
    /// <c>expectation_type</c> with <c>kwargs</c>. Returns null after reporting what is wrong.
    /// </summary>
    internal CheckDefinition? Parse(YamlNode node, ConfigDiagnostics diagnostics, string context)
    {
        var outer = YamlMap.From(node, diagnostics, context);
        if (outer is null)
        {
            return null;
        }

        var ge = outer.Has("expectation_type");
        var kindName = ge ? outer.String("expectation_type", required: true) : outer.String("expect", required: true, "check");
        var settings = ge ? outer.Map("kwargs") ?? outer : outer;
        var kindNode = ge ? outer.Get("expectation_type") : outer.Get("expect", "check");
        if (kindName is null)
        {
            return null;
        }

        var kind = Find(kindName);
        if (kind is null)
        {
            var near = Suggest.Nearest(kindName, Kinds.Select(k => k.Name));
            diagnostics.Error(ErrorCodes.UnknownReference, $"{context}: unknown check '{kindName}'{(near is null ? "; see the README for the list" : $"; did you mean '{near}'?")}", kindNode!);
            return null;
        }

        var errorsBefore = diagnostics.Errors.Count;
        var columns = ReadColumns(kind, settings, context, diagnostics);
        var severity = outer.Choice("severity", Severities) ?? (ge ? settings.Choice("severity", Severities) : null) ?? Severity.Error;
        var mostly = settings.Double("mostly");
        if (mostly is < 0 or > 1)
        {
            diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'mostly' must be between 0 and 1", settings.Get("mostly")!);
        }

        var id = outer.String("id");
        var note = outer.String("note", false, "description");
        outer.Allow("meta");
        settings.Allow("result_format", "catch_exceptions", "include_config", "meta");
        var spec = new CheckSpec
        {
            Id = id ?? DefaultId(kind, columns),
            Kind = kind.Name,
            Code = kind.Code,
            Severity = severity,
            Mostly = mostly,
            Columns = columns,
            Note = note,
            Location = diagnostics.Declared(node),
            Parameters = Parameters(settings),
        };
        var evaluator = kind.Read(new CheckReading(settings, context));
        settings.RejectUnknownKeys();
        if (!ReferenceEquals(settings, outer))
        {
            outer.Allow("kwargs");
            outer.RejectUnknownKeys();
        }

        return diagnostics.Errors.Count > errorsBefore || evaluator is null ? null : new CheckDefinition(spec, evaluator);
    }

    private static IReadOnlyList<string> ReadColumns(CheckKind kind, YamlMap s, string context, ConfigDiagnostics diagnostics)
    {
        switch (kind.Columns)
        {
            case ColumnArity.One:
                var column = s.String("column", required: true);
                return column is null ? [] : [column];
            case ColumnArity.Many:
                var columns = s.StringList("columns", required: true, "column_list");
                if (columns is { Count: 0 })
                {
                    diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'columns' must name at least one column", s.Node);
                }

                return columns ?? [];
            default:
                return [];
        }
    }

    private static string DefaultId(CheckKind kind, IReadOnlyList<string> columns) =>
        columns.Count == 0 ? kind.Name : $"{kind.Name}({string.Join(",", columns)})";

    private static Dictionary<string, object?> Parameters(YamlMap s)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in s.Keys)
        {
            if (key is "expect" or "check" or "column" or "columns" or "id" or "severity" or "note" or "description" or "meta" or "result_format" or "catch_exceptions" or "include_config")
            {
                continue;
            }

            var node = s.Node.Children[new YamlScalarNode(key)];
            parameters[key] = node switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlSequenceNode sequence => string.Join(", ", sequence.Children.Select(c => c is YamlScalarNode v ? v.Value : c.ToString())),
                _ => node.ToString(),
            };
        }

        return parameters;
    }
}
