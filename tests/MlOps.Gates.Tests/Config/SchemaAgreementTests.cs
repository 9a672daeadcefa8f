using System.Text.Json.Nodes;
using Json.Schema;
using MlOps.Gates.Config;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Tests;

/// <summary>
/// The gates-file schema and the loader accept the same keys, check kind by check kind, gate kind by gate kind and
/// section by section, so an editor's red squiggle and the tool always agree. The loader's side comes from the tool
/// itself (the keys it lists as known when it refuses one it does not know); the schema's from evaluating it: a key is
/// allowed where the schema declares it (a value of the wrong type fails there), refused where only additionalProperties or
/// unevaluatedProperties see it.
/// </summary>
public sealed class SchemaAgreementTests : IDisposable
{
    private const string Probe = "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq";

    private static readonly Lazy<JsonSchema> Root = new(() =>
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "mlops-gates.schema.json")));
        SchemaRegistry.Global.Register(schema);
        return schema;
    });

    private readonly TempDir _dir = new();

    public SchemaAgreementTests()
    {
        _dir.Write("data.csv", "x\n1\n");
        _dir.Write("model.zip", "not read: the loader only finds it");
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> CheckNames() => [.. CheckCatalog.Default.Kinds.SelectMany(k => k.GreatExpectationsNames.Prepend(k.Name))];

    public static TheoryData<string> GateTypes() => ["data_quality", "quality", "drift", "evaluate"];

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void A_check_accepts_the_same_keys_in_both(string name)
    {
        var loader = LoaderKeys(Gate("dataset: data.csv", $"checks:\n      - {{expect: {name}, {Probe}: 1}}"));
        var schema = SchemaKeys("expectCheck", new JsonObject { ["expect"] = name }, loader);

        // With both, the check is read in Great Expectations' form; the expect-form schema has no such key.
        Assert.Equal(loader.Where(k => k != "expectation_type"), schema);
    }

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void A_great_expectations_check_accepts_the_same_keys_in_both(string name)
    {
        var outer = LoaderKeys(Gate("dataset: data.csv", $"checks:\n      - {{expectation_type: {name}, kwargs: {{}}, {Probe}: 1}}"));
        var kwargs = LoaderKeys(Gate("dataset: data.csv", $"checks:\n      - {{expectation_type: {name}, kwargs: {{{Probe}: 1}}}}"));

        Assert.Equal(outer, SchemaKeys("gxCheck", new JsonObject { ["expectation_type"] = name, ["kwargs"] = new JsonObject() }, outer));
        Assert.Equal(kwargs, SchemaKeys("gxCheck", new JsonObject { ["expectation_type"] = name, ["kwargs"] = new JsonObject() }, kwargs, "kwargs"));
    }

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void A_great_expectations_1_check_accepts_the_same_keys_in_both(string name)
    {
        var outer = LoaderKeys(Gate("dataset: data.csv", $"checks:\n      - {{type: {name}, kwargs: {{}}, {Probe}: 1}}"));
        var kwargs = LoaderKeys(Gate("dataset: data.csv", $"checks:\n      - {{type: {name}, kwargs: {{{Probe}: 1}}}}"));

        Assert.Equal(outer, SchemaKeys("gx1Check", new JsonObject { ["type"] = name, ["kwargs"] = new JsonObject() }, outer));
        Assert.Equal(kwargs, SchemaKeys("gx1Check", new JsonObject { ["type"] = name, ["kwargs"] = new JsonObject() }, kwargs, "kwargs"));
    }

    [Theory]
    [MemberData(nameof(GateTypes))]
    public void A_gate_accepts_the_same_keys_in_both(string type)
    {
        var required = type switch
        {
            "drift" => "reference: data.csv",
            "evaluate" => "predictions: data.csv",
            _ => "dataset: data.csv",
        };
        var loader = LoaderKeys(Gate($"type: {type}\n    {required}", $"{Probe}: 1"));
        if (type == "evaluate")
        {
            // 'data' is read only beside a model, whose rows it is; the schema says so with dependentRequired.
            loader = [.. loader.Union(LoaderKeys(Gate("type: evaluate\n    model: model.zip\n    data: data.csv", $"{Probe}: 1"))).Order(StringComparer.Ordinal)];
        }

        var definition = type switch
        {
            "drift" => "driftGate",
            "evaluate" => "evaluateGate",
            _ => "dataQualityGate",
        };

        Assert.Equal(loader, SchemaKeys(definition, new JsonObject { ["name"] = "g", ["type"] = type }, loader));
    }

    [Fact]
    public void The_sections_accept_the_same_keys_in_both()
    {
        var disagreements = new List<string>();
        var evaluate = "type: evaluate\n    predictions: data.csv\n    label: x\n    metrics: {accuracy: 0.5}";
        Agree(disagreements, "", $"{Probe}: 1\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "dataset", $"datasets:\n  d: {{path: data.csv, {Probe}: 1}}\n" + Gate("dataset: d", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "reports", $"reports: {{{Probe}: 1}}\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "card", $"card: {{{Probe}: 1}}\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "registry", $"registry: {{{Probe}: 1}}\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "mlflow", $"registry: {{mlflow: {{tracking_uri: 'http://127.0.0.1:9', {Probe}: 1}}}}\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "bootstrap", Gate(evaluate, $"bootstrap: {{{Probe}: 1}}"));
        Agree(disagreements, "evaluateColumns", Gate(evaluate, $"columns: {{{Probe}: 1}}"));
        Agree(disagreements, "slice", Gate(evaluate, $"slices: [{{columns: [x], {Probe}: 1}}]"));
        Agree(disagreements, "metricThreshold", Gate("type: evaluate\n    predictions: data.csv\n    label: x", $"metrics: {{accuracy: {{threshold: 0.5, {Probe}: 1}}}}"));
        Agree(disagreements, "metricThreshold", Gate(evaluate, $"slices: [{{columns: [x], metrics: {{accuracy: {{threshold: 0.5, {Probe}: 1}}}}}}]"));
        Agree(disagreements, "promotionPolicy", $"registry: {{promotion: {{staging: {{{Probe}: 1}}}}}}\n" + Gate("dataset: data.csv", "checks: [{expect: not_null, column: x}]"));
        Agree(disagreements, "columnTest", Gate("type: drift\n    reference: data.csv\n    current: data.csv", $"per_column: {{x: {{{Probe}: 1}}}}"));

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public void A_key_of_one_check_kind_is_refused_on_another_by_both()
    {
        var path = _dir.Write("mlops-gates.yml", Gate("dataset: data.csv", "checks: [{expect: between, column: x, min: 0, pattern: x}]"));

        Assert.Contains(Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors, e => e.Code == ErrorCodes.UnknownKey && e.Message.Contains("'pattern'", StringComparison.Ordinal));
        Assert.DoesNotContain("pattern", SchemaKeys("expectCheck", new JsonObject { ["expect"] = "between" }, ["pattern", "min"]));
    }

    private void Agree(List<string> disagreements, string definition, string yaml)
    {
        var loader = LoaderKeys(yaml);
        var schema = definition == string.Empty ? SchemaKeys(Root.Value, [], loader, string.Empty) : SchemaKeys(definition, [], loader);

        if (!loader.SequenceEqual(schema))
        {
            disagreements.Add($"{(definition == string.Empty ? "root" : definition)}: loader [{string.Join(", ", loader)}], schema [{string.Join(", ", schema)}]");
        }
    }

    private static string Gate(string head, string tail) => $"gates:\n  - name: g\n    {head}\n    {tail}\n";

    /// <summary>The keys the loader accepts where the probe key stands: those it lists when it refuses the probe.</summary>
    private List<string> LoaderKeys(string yaml)
    {
        var path = _dir.Write("mlops-gates.yml", yaml);
        var errors = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors;
        var refusal = Assert.Single(errors, e => e.Code == ErrorCodes.UnknownKey && e.Message.Contains(Probe, StringComparison.Ordinal));
        const string Marker = "known keys: ";
        var at = refusal.Message.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, refusal.Message);
        return [.. refusal.Message[(at + Marker.Length)..].Split(", ").Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The keys the schema's definition allows on <paramref name="instance"/> (at <paramref name="under"/>, a property
    /// of it), from the loader's keys and every property name the schema declares anywhere.
    /// </summary>
    private static List<string> SchemaKeys(string definition, JsonObject instance, IEnumerable<string> loaderKeys, string under = "")
    {
        _ = Root.Value;
        var schema = JsonSchema.FromText($$"""{"$ref": "https://mlops-gates.dev/schemas/mlops-gates.schema.json#/$defs/{{definition}}"}""");
        return SchemaKeys(schema, instance, loaderKeys, under);
    }

    private static List<string> SchemaKeys(JsonSchema schema, JsonObject instance, IEnumerable<string> loaderKeys, string under)
    {
        var allowed = new List<string>();
        foreach (var key in loaderKeys.Concat(DeclaredNames()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var document = (JsonObject)instance.DeepClone();
            var target = under == string.Empty ? document : document[under]!.AsObject();
            if (target.ContainsKey(key))
            {
                allowed.Add(key);
                continue;
            }

            target[key] = 1;
            var at = under == string.Empty ? $"/{key}" : $"/{under}/{key}";
            var details = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List }).Details
                .Where(d => d.HasErrors && d.InstanceLocation.ToString() == at).ToList();
            if (details.Count == 0 || details.Any(d => !d.EvaluationPath.ToString().EndsWith("/unevaluatedProperties", StringComparison.Ordinal) && !d.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal)))
            {
                allowed.Add(key);
            }
        }

        return allowed;
    }

    private static IEnumerable<string> DeclaredNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "mlops-gates.schema.json"))));
        return names;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["properties"] is JsonObject properties)
                    {
                        names.UnionWith(properties.Select(p => p.Key));
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }
}
