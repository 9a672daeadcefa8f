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
        ["info"] = Severity.Warning,
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
    /// Reads one check: <c>expect: KIND</c> with its settings beside it, or Great Expectations' form, as its suites
    /// write it: 0.x's <c>expectation_type</c> with <c>kwargs</c> (and <c>meta</c>, <c>expectation_context</c>,
    /// <c>ge_cloud_id</c>), or 1.x's <c>type</c> with <c>kwargs</c> (and <c>id</c>, <c>severity</c>, <c>notes</c>,
    /// <c>meta</c>, <c>rendered_content</c>). Returns null after reporting what is wrong, or after noting in
    /// <paramref name="skipped"/> an expectation this version does not implement when the options say to warn.
    /// </summary>
    internal CheckDefinition? Parse(YamlNode node, ConfigDiagnostics diagnostics, string context, SuiteOptions? options = null, List<SkippedExpectation>? skipped = null)
    {
        var outer = YamlMap.From(node, diagnostics, context);
        if (outer is null)
        {
            return null;
        }

        var gx1 = !outer.Contains("expect") && !outer.Contains("check") && !outer.Contains("expectation_type") && outer.Contains("type") && outer.Contains("kwargs");
        var ge = gx1 || outer.Contains("expectation_type");
        var typeKey = gx1 ? "type" : "expectation_type";
        var kindName = ge ? outer.String(typeKey, required: true) : outer.String("expect", required: true, "check");
        var settings = ge ? outer.Map("kwargs") ?? outer : outer;
        var kindNode = ge ? outer.Get(typeKey) : outer.Get("expect", "check");
        if (kindName is null)
        {
            return null;
        }

        var kind = Find(kindName);
        if (kind is null)
        {
            if (ge && kindName.StartsWith("expect_", StringComparison.Ordinal) && options?.WarnUnsupported == true && skipped is not null)
            {
                skipped.Add(new SkippedExpectation(kindName, diagnostics.Declared(kindNode!)));
                outer.Allow(outer.Keys.ToArray());
                return null;
            }

            var near = Suggest.Nearest(kindName, Kinds.Select(k => k.Name));
            var code = ge && kindName.StartsWith("expect_", StringComparison.Ordinal) ? ErrorCodes.UnsupportedExpectation : ErrorCodes.UnknownReference;
            var what = code == ErrorCodes.UnsupportedExpectation
                ? $"{context}: Great Expectations' '{kindName}' is not implemented here; see the README's list, or give the gate 'unsupported: warn' (check: --unsupported warn) to skip it with a warning"
                : $"{context}: unknown check '{kindName}'{(near is null ? "; see the README for the list" : $"; did you mean '{near}'?")}";
            diagnostics.Error(code, what, kindNode!);
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

        // Great Expectations' ids are UUIDs, no names for a report: there the check keeps its kind(column) name.
        var id = ge ? null : outer.String("id");
        var note = outer.String("note", false, "description") ?? (ge ? Notes(outer) : null);
        outer.Allow("meta");
        if (ge)
        {
            outer.Allow("id", "expectation_context", "ge_cloud_id", "rendered_content");
        }

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
        var evaluator = kind.Read(new CheckReading(settings, context, options));
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
            case ColumnArity.Pair:
                if (s.Has("columns"))
                {
                    var pair = s.StringList("columns", required: true) ?? [];
                    if (pair.Count != 2)
                    {
                        diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'columns' must name two columns, A and B", s.Get("columns")!);
                    }

                    return pair;
                }

                var a = s.String("column_A", required: true);
                var b = s.String("column_B", required: true);
                return a is null || b is null ? [] : [a, b];
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
            if (key is "expect" or "check" or "column" or "columns" or "column_A" or "column_B" or "column_list" or "id" or "severity" or "note" or "description" or "meta" or "result_format" or "catch_exceptions" or "include_config")
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

    /// <summary>Great Expectations 1.x's <c>notes</c>: a text or a list of them.</summary>
    private static string? Notes(YamlMap outer) => outer.Get("notes") switch
    {
        YamlSequenceNode => string.Join(" ", outer.StringList("notes") ?? []),
        null => null,
        _ => outer.String("notes"),
    };
}
