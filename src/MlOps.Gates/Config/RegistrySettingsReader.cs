using MlOps.Gates.Quality;
using MlOps.Gates.Registry;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Config;

/// <summary>Reads the gates file's <c>registry</c> section.</summary>
internal static class RegistrySettingsReader
{
    public static RegistrySettings? Read(YamlMap? map, string baseDirectory, ConfigDiagnostics diagnostics, Surroundings surroundings)
    {
        if (map is null)
        {
            return null;
        }

        string? path = null;
        MlflowSettings? mlflow = null;
        if (map.Map("mlflow") is { } mlflowMap)
        {
            var uri = mlflowMap.String("tracking_uri", false, "uri") ?? surroundings.Get("MLFLOW_TRACKING_URI");
            if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                diagnostics.Error(ErrorCodes.InvalidValue, "registry.mlflow: 'tracking_uri' (or MLFLOW_TRACKING_URI) must be an http or https URL", mlflowMap.Node);
            }
            else
            {
                var store = mlflowMap.String("artifact_store");
                var experiment = mlflowMap.String("experiment");
                mlflow = MlflowSettings.FromSurroundings(uri, surroundings) with
                {
                    ArtifactStore = store is null ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, store)),
                    Experiment = experiment ?? new MlflowSettings(uri).Experiment,
                };
            }

            mlflowMap.RejectUnknownKeys();
            if (map.Has("path"))
            {
                diagnostics.Error(ErrorCodes.InvalidValue, "registry: give either 'path' (a local registry) or 'mlflow', not both", map.Get("path")!);
            }
        }
        else
        {
            path = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, map.String("path", false, "dir") ?? ".mlops-registry"));
        }

        var model = map.String("model");
        if (model is not null && !Names.IsValid(model))
        {
            diagnostics.Error(ErrorCodes.InvalidName, $"registry: '{model}' is not a valid model name (letters, digits, '.', '_' and '-')", map.Get("model")!);
        }

        var policies = new Dictionary<string, PromotionPolicy>(StringComparer.Ordinal);
        if (map.Map("promotion", false, "policies") is { } promotion)
        {
            foreach (var alias in promotion.Keys.ToList())
            {
                var context = $"registry.promotion.{alias}";
                if (!Names.IsValid(alias))
                {
                    diagnostics.Error(ErrorCodes.InvalidName, $"{context}: '{alias}' is not a valid alias", promotion.KeyNode(alias)!);
                }

                var rule = YamlMap.From(promotion.Get(alias)!, diagnostics, context);
                if (rule is null)
                {
                    continue;
                }

                TimeSpan? maxAge = null;
                if (rule.String("max_age") is { } age)
                {
                    if (Durations.TryParse(age, out var parsedAge))
                    {
                        maxAge = parsedAge;
                    }
                    else
                    {
                        diagnostics.Error(ErrorCodes.InvalidValue, $"{context}: 'max_age' must be a duration such as 30d or 12h, not '{age}'", rule.Get("max_age")!);
                    }
                }

                var policy = new PromotionPolicy
                {
                    Alias = RegistryNames.Alias(Names.IsValid(alias) ? alias : "invalid"),
                    From = rule.String("from"),
                    MaxAge = maxAge,
                    AllowWarnings = rule.Bool("allow_warnings") ?? true,
                    RequireGates = ReadGates(rule, diagnostics, context),
                };
                rule.RejectUnknownKeys();
                policies[policy.Alias] = policy;
            }
        }

        map.RejectUnknownKeys();
        return new RegistrySettings { Path = path, Mlflow = mlflow, Model = model, Policies = policies };
    }

    private static List<RequiredGate> ReadGates(YamlMap rule, ConfigDiagnostics diagnostics, string context)
    {
        var gates = new List<RequiredGate>();
        if (rule.Sequence("require_gates", false, "gates") is not { } list)
        {
            return gates;
        }

        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode scalar && scalar.Value is { Length: > 0 } name)
            {
                gates.Add(new RequiredGate(name));
                continue;
            }

            var entry = YamlMap.From(item, diagnostics, $"{context}.require_gates");
            if (entry?.String("gate", true) is { } gate)
            {
                gates.Add(new RequiredGate(gate, entry.String("dataset")));
            }

            entry?.RejectUnknownKeys();
        }

        return gates;
    }
}
