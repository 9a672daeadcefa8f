using MlOps.Gates.Config;

namespace MlOps.Gates.Registry;

/// <summary>Model and alias names become folder and file names, so only safe ones pass: never ../x, a/b, empty or too long.</summary>
public static class RegistryNames
{
    /// <summary>MLflow's stages, accepted as aliases of the same name in lower case.</summary>
    private static readonly Dictionary<string, string> Stages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["None"] = "none",
        ["Staging"] = "staging",
        ["Production"] = "production",
        ["Archived"] = "archived",
    };

    public static string Model(string name) => Check(name, "model name");

    public static string Alias(string alias)
    {
        Check(alias, "alias");
        return Stages.TryGetValue(alias, out var stage) ? stage : alias;
    }

    /// <summary>
    /// An alias as MLflow takes it (mlflow/utils/validation.py, _validate_model_alias_name): letters, digits, '_' and
    /// '-' only, at most 255 characters, not 'latest' in any case, not a version's name such as v3.
    /// </summary>
    public static string MlflowAlias(string alias)
    {
        alias = Alias(alias);
        var problem = alias.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-'))
            ? "MLflow allows only letters, digits, '_' and '-' in an alias"
            : alias.Length > 255
                ? "MLflow allows at most 255 characters"
                : alias.Equals("latest", StringComparison.OrdinalIgnoreCase)
                    ? "MLflow keeps 'latest' for itself"
                    : alias.Length > 1 && alias[0] is 'v' or 'V' && alias[1..].All(char.IsAsciiDigit)
                        ? "MLflow keeps v1, v2, ... for versions"
                        : null;
        return problem is null
            ? alias
            : throw new GatesInputException(ErrorCodes.InvalidName, $"'{alias}' is not a valid alias for an MLflow registry: {problem}");
    }

    /// <summary>
    /// A tag key as MLflow takes it (mlflow/utils/validation.py, _validate_tag_name and _validate_length_limit):
    /// letters, digits and '_', '-', '.', ' ', ':', '/', at most 250 characters, and no path that normalizes to
    /// something else ('a/../b', './a', '/a', 'a//b').
    /// </summary>
    public static string MlflowTagKey(string key)
    {
        var problem = key.Length == 0
            ? "it is empty"
            : key.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or ':' or '/'))
                ? "MLflow allows only letters, digits and _ - . space : / in a tag key"
                : key.Length > 250
                    ? "MLflow allows at most 250 characters"
                    : NormalizesElsewhere(key)
                        ? "MLflow refuses a key that reads as a path other than itself"
                        : null;
        return problem is null
            ? key
            : throw new GatesInputException(ErrorCodes.InvalidName, $"'{(key.Length > 40 ? key[..40] + "…" : key)}' is not a valid tag key for an MLflow registry: {problem}");
    }

    /// <summary>Python's posixpath.normpath(key) != key, or "." or starting with ".." or "/", as MLflow's path_not_unique.</summary>
    private static bool NormalizesElsewhere(string key)
    {
        if (key.StartsWith('/') || key == "." || key.StartsWith("..", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = key.Split('/');
        return parts.Any(p => p is "" or "." or "..");
    }

    private static string Check(string name, string what)
    {
        if (!Names.IsValid(name))
        {
            var shown = name.Length > 40 ? name[..40] + "…" : name;
            throw new GatesInputException(
                ErrorCodes.InvalidName,
                $"'{shown}' is not a valid {what}: use 1 to {Names.MaxLength} letters, digits, '.', '_' and '-', not starting with '.' or '-'");
        }

        return name;
    }
}
