using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.Gates.Kinds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>
/// A gate given by command-line options: the keys a gates file would hold, each set from an option, read by the gate
/// kind's own reader, so an ad-hoc command validates exactly as the gates file does. Errors name the options, carry no
/// place and are usage errors (MLG0001), except files that are missing or may not be read.
/// </summary>
public sealed partial class CommandLineGate(string name)
{
    private readonly YamlMappingNode _gate = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Sets a key from an option; null leaves the key out. Values: text, numbers, booleans, lists, and maps of these.</summary>
    public CommandLineGate Set(string key, object? value, string option)
    {
        _options.TryAdd(key, option);
        if (value is not null)
        {
            _gate.Children[new YamlScalarNode(key)] = Node(value);
        }

        return this;
    }

    /// <summary>Names the option behind a key that only appears nested (a bootstrap's <c>seed</c>, say).</summary>
    public CommandLineGate Option(string key, string option)
    {
        _options.TryAdd(key, option);
        return this;
    }

    /// <summary>Reads the gate with <paramref name="kind"/>'s reader into a one-gate configuration; paths are relative to <paramref name="baseDirectory"/>.</summary>
    public GatesConfig Read(IGateKind kind, string baseDirectory, Surroundings? surroundings = null)
    {
        var diagnostics = new ConfigDiagnostics("command line") { OptionOf = _options, CommandName = Name };
        var map = new YamlMap(_gate, diagnostics, Name);
        var gate = kind.Read(new GateReading(map, Name, [], baseDirectory, diagnostics, Name, _gate));
        map.RejectUnknownKeys();
        diagnostics.ThrowIfAny();
        return new GatesConfig
        {
            BaseDirectory = baseDirectory,
            Gates = [gate ?? throw new InvalidOperationException($"the {Name} reader returned no gate and no error")],
            Surroundings = surroundings ?? Surroundings.None,
        };
    }

    /// <summary>A bad value on the command line is a usage error; a missing file, a folder and the like keep their own code.</summary>
    internal static string Usage(string code) =>
        code is ErrorCodes.UnknownKey or ErrorCodes.WrongType or ErrorCodes.InvalidValue or ErrorCodes.MissingKey or ErrorCodes.UnknownReference or ErrorCodes.DuplicateName
            ? ErrorCodes.BadUsage
            : code;

    /// <summary>
    /// A gates-file message as the command line says it: the gate's name before the colon goes, a key after it
    /// (<c>evaluate predictions:</c>) and quoted keys (<c>'model'</c>) become their options (<c>--model</c>).
    /// </summary>
    internal static string Rewrite(string message, string name, IReadOnlyDictionary<string, string> optionOf)
    {
        if (message.StartsWith(name + ": ", StringComparison.Ordinal))
        {
            message = message[(name.Length + 2)..];
        }
        else if (message.StartsWith(name + " ", StringComparison.Ordinal) && message.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            && optionOf.TryGetValue(message[(name.Length + 1)..colon], out var keyOption))
        {
            message = keyOption + message[colon..];
        }

        return QuotedKey().Replace(message, m => optionOf.TryGetValue(m.Groups[1].Value, out var option) ? option : m.Value);
    }

    private static YamlNode Node(object value) => value switch
    {
        string text => new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted },
        bool flag => new YamlScalarNode(flag ? "true" : "false"),
        double number => new YamlScalarNode(number.ToString("R", CultureInfo.InvariantCulture)),
        int number => new YamlScalarNode(number.ToString(CultureInfo.InvariantCulture)),
        long number => new YamlScalarNode(number.ToString(CultureInfo.InvariantCulture)),
        System.Collections.IDictionary map => Map(map),
        System.Collections.IEnumerable list => new YamlSequenceNode(list.Cast<object>().Select(Node)),
        _ => throw new ArgumentException($"a {value.GetType().Name} is not a gates-file value", nameof(value)),
    };

    private static YamlMappingNode Map(System.Collections.IDictionary map)
    {
        var node = new YamlMappingNode();
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            if (entry.Value is not null)
            {
                node.Children[new YamlScalarNode((string)entry.Key)] = Node(entry.Value);
            }
        }

        return node;
    }

    [GeneratedRegex("'([a-z_]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedKey();
}
