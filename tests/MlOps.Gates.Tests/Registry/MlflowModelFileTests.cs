using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using MlOps.Gates.Registry;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Tests;

/// <summary>
/// Each registered model folder carries an MLmodel file as MLflow writes one (mlflow/models/model.py, Model.to_dict),
/// so MLflow's UI and clients can tell what it holds: flavors, the data file, the signature of the model's own schema.
/// </summary>
public sealed class MlflowModelFileTests : IDisposable
{
    private static readonly ChangeInfo Change = new("ci-bot", "release", "abc123");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static YamlMappingNode Parse(byte[] text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(System.Text.Encoding.UTF8.GetString(text)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value!;
    }

    [Fact]
    public void An_onnx_model_gets_mlflows_onnx_and_pyfunc_flavors_and_the_signature_of_its_tensors()
    {
        var train = TrainedModels.Write(_dir, "train.csv", 400, 1);
        var (_, onnx) = TrainedModels.BinaryWithOnnx(_dir, train);
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        registry.Register("churn", new VersionDraft { ArtifactPath = onnx }, Change);

        var run = server.Runs.Keys.Single();
        var folder = $"1/{run}/artifacts/model";
        Assert.Equal(File.ReadAllBytes(onnx), server.Artifacts[$"{folder}/numeric.onnx"]);
        var model = Parse(server.Artifacts[$"{folder}/MLmodel"]);
        Assert.Equal("model", Scalar(model, "artifact_path"));
        Assert.Equal(run, Scalar(model, "run_id"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", Scalar(model, "utc_time_created"));
        Assert.Equal("numeric.onnx", Scalar(model, "flavors", "onnx", "data"));
        Assert.Equal("numeric.onnx", Scalar(model, "flavors", "python_function", "data"));
        Assert.Equal("mlflow.onnx", Scalar(model, "flavors", "python_function", "loader_module"));
        Assert.Equal(new FileInfo(onnx).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(model, "model_size_bytes"));

        using var session = new InferenceSession(onnx);
        var inputs = JsonNode.Parse(Scalar(model, "signature", "inputs"))!.AsArray();
        Assert.Equal(session.InputMetadata.Keys, inputs.Select(i => i!["name"]!.GetValue<string>()));
        Assert.All(inputs, i => Assert.Equal("tensor", i!["type"]!.GetValue<string>()));
        foreach (var input in inputs)
        {
            var meta = session.InputMetadata[input!["name"]!.GetValue<string>()];
            Assert.Equal(meta.ElementType == typeof(float) ? "float32" : meta.ElementType == typeof(bool) ? "bool" : meta.ElementType == typeof(string) ? "object" : "int64", input["tensor-spec"]!["dtype"]!.GetValue<string>());
            Assert.Equal(meta.Dimensions.Select(d => d < 0 ? -1 : d), input["tensor-spec"]!["shape"]!.AsArray().Select(d => d!.GetValue<int>()));
        }

        Assert.Equal(session.OutputMetadata.Keys, JsonNode.Parse(Scalar(model, "signature", "outputs"))!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void An_mlnet_model_gets_the_mlnet_flavor_and_a_column_signature_of_its_input_and_output_schema()
    {
        var train = TrainedModels.Write(_dir, "train.csv", 400, 1);
        var zip = TrainedModels.Binary(_dir, train, "churn.zip");
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        registry.Register("churn", new VersionDraft { ArtifactPath = zip }, Change);

        var model = Parse(server.Artifacts[$"1/{server.Runs.Keys.Single()}/artifacts/model/MLmodel"]);
        Assert.Equal("churn.zip", Scalar(model, "flavors", "mlnet", "data"));
        Assert.False(((YamlMappingNode)model.Children[new YamlScalarNode("flavors")]).Children.ContainsKey(new YamlScalarNode("python_function")));
        var ml = new MLContext();
        var loaded = ml.Model.Load(zip, out var schema);
        var inputs = JsonNode.Parse(Scalar(model, "signature", "inputs"))!.AsArray();
        Assert.Equal(schema.Select(c => c.Name), inputs.Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal("float", inputs.Single(i => i!["name"]!.GetValue<string>() == "Tenure")!["type"]!.GetValue<string>());
        Assert.Equal("string", inputs.Single(i => i!["name"]!.GetValue<string>() == "Plan")!["type"]!.GetValue<string>());
        Assert.Equal("boolean", inputs.Single(i => i!["name"]!.GetValue<string>() == "Churned")!["type"]!.GetValue<string>());
        var outputs = JsonNode.Parse(Scalar(model, "signature", "outputs"))!.AsArray().Select(o => o!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("PredictedLabel", outputs);
        Assert.Contains("Probability", outputs);
        Assert.Contains("Score", outputs);
        Assert.DoesNotContain("Tenure", outputs);
        Assert.Equal("Single", loaded.GetOutputSchema(schema)["Probability"].Type.ToString());
    }

    [Fact]
    public void A_file_no_runtime_reads_gets_a_flavor_naming_it_and_no_signature()
    {
        using var server = new FakeMlflowServer();
        using var registry = new MlflowRegistry(new MlflowSettings(server.Uri));

        registry.Register("notes", new VersionDraft { ArtifactPath = _dir.Write("weights.bin", "not a model") }, Change);

        var model = Parse(server.Artifacts[$"1/{server.Runs.Keys.Single()}/artifacts/model/MLmodel"]);
        Assert.Equal("weights.bin", Scalar(model, "flavors", "mlops_gates", "data"));
        Assert.False(model.Children.ContainsKey(new YamlScalarNode("signature")));
    }
}
