using System.Globalization;
using System.Text.Json.Nodes;
using MlOps.Gates.Models;
using YamlDotNet.Serialization;

namespace MlOps.Gates.Registry;

/// <summary>
/// The <c>MLmodel</c> file MLflow's UI and clients read to tell what a model folder holds (mlflow/models/model.py,
/// Model.to_dict): an ONNX model gets MLflow's own <c>onnx</c> flavor and a <c>python_function</c> flavor loaded by
/// <c>mlflow.onnx</c>, so <c>mlflow.pyfunc.load_model</c> runs it; an ML.NET zip gets the <c>mlnet</c> flavor, which only
/// .NET reads; any other file the <c>mlops_gates</c> flavor naming it. The signature comes from the model's own input
/// and output schema; no environment or requirements files are written.
/// </summary>
public static class MlflowModelFile
{
    public const string FileName = "MLmodel";

    public static string Write(string artifactPath, string fileName, string runId, DateTimeOffset now)
    {
        var signature = ModelSignature.Read(artifactPath);
        var flavors = new Dictionary<string, object>(StringComparer.Ordinal);
        switch (signature.Kind)
        {
            case "onnx":
                flavors["onnx"] = new Dictionary<string, object?> { ["code"] = null, ["data"] = fileName, ["onnxruntime_version"] = OnnxModel.OnnxRuntimeVersion, ["providers"] = new[] { "CPUExecutionProvider" } };
                flavors["python_function"] = new Dictionary<string, object?> { ["code"] = null, ["data"] = fileName, ["loader_module"] = "mlflow.onnx" };
                break;
            case "mlnet":
                flavors["mlnet"] = new Dictionary<string, object?> { ["data"] = fileName, ["format"] = "ML.NET model zip (MLContext.Model.Load)", ["mlnet_version"] = ReproducibilityRecord.Version(() => typeof(Microsoft.ML.MLContext).Assembly) };
                break;
            default:
                flavors["mlops_gates"] = new Dictionary<string, object?> { ["data"] = fileName };
                break;
        }

        var model = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["artifact_path"] = "model",
            ["flavors"] = flavors,
            ["metadata"] = new Dictionary<string, string> { ["written_by"] = "MlOps.Gates " + Running.GateRunner.ToolVersion },
            ["model_size_bytes"] = new FileInfo(artifactPath).Length,
            ["model_uuid"] = Guid.NewGuid().ToString("N"),
            ["run_id"] = runId,
            ["utc_time_created"] = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        };
        if (signature.Inputs is { } inputs)
        {
            // MLflow keeps each half of the signature as a JSON text inside the YAML.
            model["signature"] = new Dictionary<string, string?>
            {
                ["inputs"] = inputs.ToJsonString(),
                ["outputs"] = signature.Outputs?.ToJsonString(),
            };
        }

        return new SerializerBuilder().DisableAliases().Build().Serialize(model);
    }
}
