using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace MlOps.Gates.Models;

/// <summary>
/// What a model file is and what it takes and gives, in MLflow's signature terms (mlflow/types/schema.py): an ONNX
/// model's tensors (numpy dtype names, -1 for a free dimension), an ML.NET model's columns (MLflow's column types,
/// vectors as arrays). <see cref="Kind"/> is <c>onnx</c>, <c>mlnet</c>, or <c>file</c> for anything neither loads.
/// </summary>
public sealed record ModelSignature(string Kind, JsonArray? Inputs, JsonArray? Outputs)
{
    public static ModelSignature Read(string path)
    {
        try
        {
            return Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase) ? Onnx(path)
                : IsZip(path) ? MlNet(path)
                : new ModelSignature("file", null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any file may be registered; one no runtime here reads is recorded without a signature.
            return new ModelSignature("file", null, null);
        }
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static ModelSignature Onnx(string path)
    {
        using var session = new InferenceSession(path);
        return new ModelSignature("onnx", Tensors(session.InputMetadata), Tensors(session.OutputMetadata));
    }

    private static JsonArray Tensors(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        new(nodes.Select(n => (JsonNode)new JsonObject
        {
            ["type"] = "tensor",
            ["tensor-spec"] = new JsonObject
            {
                ["dtype"] = NumpyType(n.Value),
                ["shape"] = new JsonArray(n.Value.Dimensions.Select(d => (JsonNode)JsonValue.Create(d < 0 ? -1 : d)).ToArray()),
            },
            ["name"] = n.Key,
        }).ToArray());

    private static string NumpyType(NodeMetadata node) => node.ElementDataType switch
    {
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float => "float32",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Double => "float64",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64 => "int64",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int32 => "int32",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int16 => "int16",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int8 => "int8",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.UInt8 => "uint8",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Bool => "bool",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16 => "float16",
        Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.String => "object",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static ModelSignature MlNet(string path)
    {
        var ml = new MLContext(seed: 0);
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.FastTree.FastTreeBinaryModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters).Assembly);
        var model = ml.Model.Load(path, out var input);
        var output = model.GetOutputSchema(input);
        var inputNames = input.Where(c => !c.IsHidden).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new ModelSignature("mlnet", Columns(input.Where(c => !c.IsHidden)), Columns(output.Where(c => !c.IsHidden && !inputNames.Contains(c.Name))));
    }

    private static JsonArray Columns(IEnumerable<DataViewSchema.Column> columns) =>
        new(columns.Select(c => (JsonNode)ColumnSpec(c.Name, c.Type)).ToArray());

    private static JsonObject ColumnSpec(string name, DataViewType type)
    {
        var spec = type is VectorDataViewType vector
            ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = ColumnType(vector.ItemType) } }
            : new JsonObject { ["type"] = ColumnType(type) };
        spec["name"] = name;
        spec["required"] = true;
        return spec;
    }

    /// <summary>MLflow's DataType names (mlflow/types/schema.py).</summary>
    private static string ColumnType(DataViewType type) => type.RawType switch
    {
        var t when t == typeof(float) => "float",
        var t when t == typeof(double) => "double",
        var t when t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) => "integer",
        var t when t == typeof(long) || t == typeof(uint) || t == typeof(ulong) => "long",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(DateTime) || t == typeof(DateTimeOffset) => "datetime",
        _ => "string",
    };
}
