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
