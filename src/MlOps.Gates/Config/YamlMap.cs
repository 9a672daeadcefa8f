using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>
/// A YAML mapping read key by key with positions: every value read is typed and checked, and keys nobody
/// read are reported as unknown, with the nearest known key as a suggestion.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, ConfigDiagnostics diagnostics, string context)
    {
        Node = node;
        Diagnostics = diagnostics;
        Context = context;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalar || scalar.Value is null)
            {
                diagnostics.Error(ErrorCodes.WrongType, $"{context}: keys must be plain text", key);
                continue;
            }

            if (!_entries.TryAdd(scalar.Value, (scalar, value)))
            {
                diagnostics.Error(ErrorCodes.DuplicateName, $"{context}: key '{scalar.Value}' appears twice", key);
            }
        }
    }

    public YamlMappingNode Node { get; }

    public ConfigDiagnostics Diagnostics { get; }

    public string Context { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Reads a mapping node, or reports that the node is not one.</summary>
    public static YamlMap? From(YamlNode node, ConfigDiagnostics diagnostics, string context)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, diagnostics, context);
        }

        diagnostics.Error(ErrorCodes.WrongType, $"{context} must be a mapping of keys to values", node);
        return null;
    }

    public bool Has(string key, params string[] aliases) => Find(key, aliases, markRead: false) is not null;

    /// <summary>Whether the mapping holds the key, without making it a known key (to tell forms apart).</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>The value under a key or one of its aliases, marking it read.</summary>
    public YamlNode? Get(string key, params string[] aliases) => Find(key, aliases, markRead: true)?.Value;

    public YamlScalarNode? KeyNode(string key) => _entries.TryGetValue(key, out var e) ? e.Key : null;

    /// <summary>Declares keys that are valid here without reading them, so they are not reported as unknown.</summary>
    public void Allow(params string[] keys)
    {
        foreach (var key in keys)
        {
            _known.Add(key);
            if (_entries.ContainsKey(key))
            {
                _read.Add(key);
            }
        }
    }

    public string? String(string key, bool required = false, params string[] aliases)
    {
        var node = Require(key, required, aliases);
        return node is null ? null : ScalarText(node, key);
    }

    public double? Double(string key, bool required = false, params string[] aliases)
    {
        var node = Require(key, required, aliases);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = ScalarText(node, key);
        if (text is null)
        {
            return null;
        }

        if (TryParseNumber(text, out var value))
        {
            return value;
        }

        Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be a number, not '{text}'", node);
        return null;
    }

    public long? Long(string key, bool required = false, params string[] aliases)
    {
        var value = Double(key, required, aliases);
        if (value is null)
        {
            return null;
        }

        if (Math.Floor(value.Value) != value.Value || Math.Abs(value.Value) > 9e15)
        {
            Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be a whole number", Get(key, aliases)!);
            return null;
        }

        return (long)value.Value;
    }

    public bool? Bool(string key, params string[] aliases)
    {
        var node = Require(key, false, aliases);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = ScalarText(node, key);
        switch (text?.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            case null:
                return null;
            default:
                Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be true or false, not '{text}'", node);
                return null;
        }
    }

    /// <summary>A list of text values; a single scalar is taken as a list of one.</summary>
    public IReadOnlyList<string>? StringList(string key, bool required = false, params string[] aliases)
    {
        var node = Require(key, required, aliases);
        return node is null ? null : ReadStringList(node, key);
    }

    public IReadOnlyList<string>? ReadStringList(YamlNode node, string key)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                var list = new List<string>(sequence.Children.Count);
                foreach (var item in sequence.Children)
                {
                    var text = ScalarText(item, key, allowNull: true);
                    list.Add(text ?? string.Empty);
                }

                return list;
            case YamlScalarNode scalar when !IsNull(scalar):
                return [scalar.Value ?? string.Empty];
            default:
                Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be a list of values", node);
                return null;
        }
    }

    public YamlMap? Map(string key, bool required = false, params string[] aliases)
    {
        var node = Require(key, required, aliases);
        return node is null ? null : From(node, Diagnostics, $"{Context}.{key}");
    }

    public YamlSequenceNode? Sequence(string key, bool required = false, params string[] aliases)
    {
        var node = Require(key, required, aliases);
        if (node is null)
        {
            return null;
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be a list", node);
        return null;
    }

    /// <summary>A value from a fixed set of words, compared without case.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices, bool required = false, params string[] aliases)
        where T : struct
    {
        var node = Require(key, required, aliases);
        var text = node is null ? null : ScalarText(node, key);
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Diagnostics.Error(ErrorCodes.InvalidValue, $"{Context}: '{key}' must be one of {string.Join(", ", choices.Keys)}; got '{text}'", node!);
        return null;
    }

    /// <summary>Reports each key that no reader asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (_read.Contains(name))
            {
                continue;
            }

            var suggestion = Suggest.Nearest(name, _known);
            var hint = suggestion is null ? $"known keys: {string.Join(", ", _known.Order(StringComparer.Ordinal))}" : $"did you mean '{suggestion}'?";
            Diagnostics.Error(ErrorCodes.UnknownKey, $"{Context}: unknown key '{name}'; {hint}", key);
        }
    }

    public string? ScalarText(YamlNode node, string key, bool allowNull = false)
    {
        if (node is YamlScalarNode scalar)
        {
            if (IsNull(scalar))
            {
                if (!allowNull)
                {
                    Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' needs a value", node);
                }

                return null;
            }

            return scalar.Value;
        }

        if (node is YamlMappingNode { Children.Count: 1 } parameter && parameter.Children.First() is { Key: YamlScalarNode { Value: "$PARAMETER" }, Value: var nameNode })
        {
            // Great Expectations' evaluation parameter: the value given for the name.
            var name = (nameNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Diagnostics.Parameters.TryGetValue(name, out var value))
            {
                return value;
            }

            Diagnostics.Error(ErrorCodes.UnknownReference, $"{Context}: '{key}' takes the evaluation parameter '{name}', which has no value; give it under the gate's 'parameters' (or --parameter {name}=VALUE)", nameNode);
            return null;
        }

        Diagnostics.Error(ErrorCodes.WrongType, $"{Context}: '{key}' must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}", node);
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public static bool TryParseNumber(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or "+.inf" or ".Inf" or "+.Inf":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    private YamlNode? Require(string key, bool required, string[] aliases)
    {
        var found = Find(key, aliases, markRead: true);
        if (found is null && required)
        {
            Diagnostics.Error(ErrorCodes.MissingKey, $"{Context}: '{key}' is required", Node);
        }

        return found?.Value;
    }

    private (YamlScalarNode Key, YamlNode Value)? Find(string key, string[] aliases, bool markRead)
    {
        _known.Add(key);
        _known.UnionWith(aliases);
        (YamlScalarNode, YamlNode)? found = null;
        foreach (var name in aliases.Prepend(key))
        {
            if (_entries.TryGetValue(name, out var entry))
            {
                if (markRead)
                {
                    _read.Add(name);
                }

                found ??= entry;
            }
        }

        return found;
    }
}
