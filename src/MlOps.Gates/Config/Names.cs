using System.Text.RegularExpressions;

namespace MlOps.Gates.Config;

/// <summary>Names that may become parts of paths: letters, digits, '.', '_' and '-', not starting with a dot.</summary>
public static partial class Names
{
    public const int MaxLength = 128;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex Pattern();
}
