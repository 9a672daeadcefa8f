using MlOps.Gates.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>Collects every problem in one gates or suite file, so a user sees them all at once.</summary>
internal sealed class ConfigDiagnostics(string file, string? resultFile = null)
{
    private readonly List<Finding> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<Finding> Errors => _errors;

    /// <summary>Where the file's inputs may be read from; set once the file's own <c>allow_outside</c> is read.</summary>
    public InputPaths Inputs { get; set; } = InputPaths.Unrestricted;

    /// <summary>Reports an input path (data, suite, model, templates) that leaves the repository without leave.</summary>
    public void RequireInside(string fullPath, string what, YamlNode node)
    {
        if (Inputs.Problem(fullPath) is { } problem)
        {
            Error(ErrorCodes.OutsideRepository, $"{what} '{fullPath}' may not be read: {problem}", node);
        }
    }

    public bool HasErrors => _errors.Count > 0;

    /// <summary>
    /// Set when the "file" is a gate built from command-line options: places are none, a bad value is a usage error,
    /// and messages name options through <see cref="OptionOf"/> instead of keys.
    /// </summary>
    public IReadOnlyDictionary<string, string>? OptionOf { get; init; }

    /// <summary>The command's gate name, which messages from <see cref="OptionOf"/>'s gate start with.</summary>
    public string CommandName { get; init; } = string.Empty;

    /// <summary>Values of Great Expectations' evaluation parameters (<c>{"$PARAMETER": "name"}</c>) while checks are read.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public SourceLocation? At(YamlNode node) => At(node.Start);

    /// <summary>
    /// The place of a definition as run results carry it: relative to the run's base folder (the gates file's), as data
    /// file places are, so every place in a result resolves against one folder.
    /// </summary>
    public SourceLocation? Declared(YamlNode node) => OptionOf is null ? new(resultFile ?? File, (int)node.Start.Line, (int)node.Start.Column) : null;

    public SourceLocation? At(Mark mark) => OptionOf is null ? new(File, (int)mark.Line, (int)mark.Column) : null;

    public void Error(string code, string message, YamlNode node) => Error(code, message, At(node));

    /// <summary>
    /// False when only the registry section is wanted (registry commands): the gates' data and model files need not
    /// exist there, as in a release job that promotes what an earlier job built.
    /// </summary>
    public bool RequireInputs { get; set; } = true;

    public void Error(string code, string message, SourceLocation? location)
    {
        if (OptionOf is not null)
        {
            (code, message) = (CommandLineGate.Usage(code), CommandLineGate.Rewrite(message, CommandName, OptionOf));
        }

        if (RequireInputs || code != ErrorCodes.FileNotFound)
        {
            _errors.Add(new Finding(code, Severity.Error, message, location));
        }
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new GatesInputException(_errors.OrderBy(e => e.Location?.Line ?? 0).ThenBy(e => e.Location?.Column ?? 0).ToList());
        }
    }
}
