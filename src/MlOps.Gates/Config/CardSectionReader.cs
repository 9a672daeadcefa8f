using MlOps.Gates.Cards;

namespace MlOps.Gates.Config;

/// <summary>Reads the gates file's <c>card:</c> section; unknown keys are errors at their line, as everywhere else.</summary>
internal static class CardSectionReader
{
    public static ModelCardSection? Read(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var card = new ModelCardSection
        {
            Overview = map.String("overview", false, "description"),
            Owners = map.StringList("owners", false, "owner") ?? [],
            License = map.String("license"),
            References = map.StringList("references") ?? [],
            IntendedUse = map.StringList("intended_use", false, "use_cases") ?? [],
            Users = map.StringList("users") ?? [],
            OutOfScope = map.StringList("out_of_scope", false, "out_of_scope_uses") ?? [],
            Limitations = map.StringList("limitations") ?? [],
            Tradeoffs = map.StringList("tradeoffs") ?? [],
            EthicalConsiderations = map.StringList("ethical_considerations") ?? [],
        };
        map.RejectUnknownKeys();
        return card;
    }
}
