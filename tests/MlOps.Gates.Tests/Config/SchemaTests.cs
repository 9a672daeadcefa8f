using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MlOps.Gates.Reporting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Tests;

/// <summary>The JSON Schemas in schemas/ accept what the tool accepts and writes.</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonSchema Schema(string name) => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", name)));

    private static void AssertValid(JsonSchema schema, JsonNode? document)
    {
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void The_gates_file_schema_accepts_the_sample_and_rejects_unknown_keys()
    {
        var schema = Schema("mlops-gates.schema.json");
        var sample = ToJson(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "churn-mlops-gates.yml")));

        AssertValid(schema, sample);
        sample!["gates"]![0]!["checks"]![0]!["minn"] = 1;
        Assert.False(schema.Evaluate(sample).IsValid);
    }

    [Fact]
    public void The_report_schema_accepts_a_written_report()
    {
        var run = Gates.Run(_dir, "x,c\n1,a\n200,b\n", "- expect: between\n  column: x\n  max: 100\n- expect: in_set\n  column: c\n  values: [a]");

        AssertValid(Schema("report.schema.json"), JsonNode.Parse(new ReportRenderer().Render(TemplateNames.Json, run)));
    }

    [Fact]
    public void The_report_schema_accepts_an_evaluate_gate_with_a_baseline_slices_and_registry_actions()
    {
        var predictions = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation", "predictions-3000.csv");
        var lines = File.ReadAllLines(predictions);
        var baseline = _dir.Write("baseline.csv", string.Join('\n', lines.Select((l, i) => i > 0 && i % 7 == 0 ? l[..l.IndexOf(',', StringComparison.Ordinal)] + l[l.IndexOf(',', StringComparison.Ordinal)..].Replace(",1,", ",0,", StringComparison.Ordinal) : l)) + "\n");
        var config = _dir.Write("mlops-gates.yml", $"""
            allow_outside: true
            gates:
              - name: model
                type: evaluate
                predictions: {predictions}
                baseline: {baseline}
                label: label
                columns: {"{"} predicted: predicted, probability: score {"}"}
                bootstrap: {"{"} resamples: 100 {"}"}
                metrics:
                  accuracy: {"{"} threshold: 0.5, non_inferiority_margin: 0.05 {"}"}
                slices:
                  - columns: [segment]
                    min_slice_size: 600
                    metrics: {"{"} accuracy: 0.5 {"}"}
            registry:
              path: registry
            """);
        var loaded = Config.GatesConfigLoader.Load(config);
        var run = Running.RegistryStep.Apply(new Running.GateRunner().Run(loaded), loaded, new Registry.RegistrationRequest { Model = "churn", ArtifactPath = predictions, PromoteTo = "staging" });

        var json = JsonNode.Parse(new ReportRenderer().Render(TemplateNames.Json, run));

        AssertValid(Schema("report.schema.json"), json);
        Assert.Equal(2, json!["registry"]!.AsArray().Count);
        Assert.Contains(json["gates"]![0]!["evaluation"]!["slices"]!.AsArray(), s => s!["verdict"]!.GetValue<string>() == "too small");
    }

    /// <summary>YAML to JSON with YAML 1.2 core types: plain scalars that read as numbers, booleans or null become them.</summary>
    private static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
