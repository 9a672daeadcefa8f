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
