using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// Runs an ONNX model through ML.NET's OnnxTransformer. Each ONNX input is fed from the data column of its name or the
/// columns the gates file maps to it (a [N, k] input from k columns, in order); the outputs that hold the predicted
/// label, the probability and the score are found by their usual names (ML.NET's and skl2onnx's) unless named.
/// </summary>
internal static class OnnxModel
{
    /// <summary>The ONNX Runtime the engine is built against; its native library must be this version or newer.</summary>
    public static string OnnxRuntimeVersion => typeof(InferenceSession).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "1.31.1";

    private static readonly Dictionary<string, string[]> KnownOutputs = new(StringComparer.Ordinal)
    {
        ["predicted"] = ["predictedlabel", "label", "output_label", "predicted_label"],
        ["probability"] = ["probability", "probabilities", "output_probability"],
        ["score"] = ["score", "scores", "variable", "output", "predictions"],
    };

    public static (IDataView Scored, ModelInputs Outputs) Transform(MLContext ml, string modelPath, string modelDisplayPath, DatasetOptions data, IReadOnlyList<string> header, ModelInputs io)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs, outputs;
        try
        {
            using var session = new InferenceSession(modelPath);
            inputs = session.InputMetadata.ToDictionary(p => p.Key, p => p.Value);
            outputs = session.OutputMetadata.ToDictionary(p => p.Key, p => p.Value);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidOperationException or IOException)
        {
            throw new GatesInputException(ErrorCodes.BadModel, $"{modelDisplayPath} is not a loadable ONNX model: {e.Message}", new SourceLocation(modelDisplayPath), e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException { InnerException: DllNotFoundException })
        {
            // The MlOps.Gates package leaves ONNX Runtime's native library out (it is most of the package's weight).
            throw new GatesInputException(
                ErrorCodes.OnnxRuntimeMissing,
                $"{modelDisplayPath} is an ONNX model, and ONNX Runtime's native library cannot be loaded: add the package MlOps.Gates.Onnx (or Microsoft.ML.OnnxRuntime {OnnxRuntimeVersion}) to the project, so restore brings it into the NuGet packages folder ({e.GetBaseException().Message})",
                new SourceLocation(modelDisplayPath),
                e);
        }

        var columns = new List<DataViewColumn>();
        var problems = new List<string>();
        foreach (var (name, meta) in inputs)
        {
            var sources = io.Inputs.TryGetValue(name, out var mapped) ? mapped : header.Contains(name) ? [name] : null;
            var size = meta.Dimensions.Skip(1).Aggregate(1, (a, d) => a * Math.Max(d, 1));
            var item = ItemType(meta.ElementType);
            if (sources is null)
            {
                problems.Add($"the input '{name}' ({Shape(meta)}) has no data column of its name; map it to {size} column(s) with inputs:");
            }
            else if (sources.FirstOrDefault(s => !header.Contains(s)) is { } absent)
            {
                problems.Add($"'{absent}', mapped to the input '{name}', is not a column of the data");
            }
            else if (item is null)
            {
                problems.Add($"the input '{name}' has element type {meta.ElementType.Name}, which data columns cannot supply");
            }
            else if (sources.Count != size)
            {
                problems.Add($"the input '{name}' ({Shape(meta)}) takes {size} value(s) a row, but {sources.Count} column(s) are mapped to it");
            }
            else
            {
                columns.Add(new DataViewColumn(name, new VectorDataViewType(item, size), sources));
            }
        }

        if (problems.Count > 0)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{data.DisplayPath} does not fit the inputs of {modelDisplayPath}: {string.Join("; ", problems)}", new SourceLocation(data.DisplayPath, 1, 1));
        }

        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, names) in KnownOutputs)
        {
            if (io.Outputs.TryGetValue(role, out var named))
            {
                if (!outputs.ContainsKey(named))
                {
                    throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{modelDisplayPath} has no output '{named}' (named as its {role}); its outputs are {string.Join(", ", outputs.Keys)}", new SourceLocation(modelDisplayPath));
                }

                roles[role] = named;
                continue;
            }

            var found = outputs.Keys.FirstOrDefault(o => names.Contains(Plain(o)) && !roles.ContainsValue(o) && outputs[o].IsTensor);
            if (found is not null)
            {
                roles[role] = found;
            }
        }

        if (roles.Count == 0)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{modelDisplayPath}: none of its outputs ({string.Join(", ", outputs.Keys)}) is a known prediction; name them with outputs: (predicted, probability, score)", new SourceLocation(modelDisplayPath));
        }

        var view = new TableDataView(data, columns);
        try
        {
            var wanted = roles.Values.Distinct().ToArray();
            var transformer = ml.Transforms.ApplyOnnxModel(wanted, columns.Select(c => c.Name).ToArray(), modelPath).Fit(view);
            var scored = transformer.Transform(view);

            // ML.NET names the outputs of a model it exported without their ".output" suffix.
            var resolved = roles.ToDictionary(
                r => r.Key,
                r => scored.Schema.GetColumnOrNull(r.Value) is null && r.Value.EndsWith(".output", StringComparison.Ordinal) ? r.Value[..^".output".Length] : r.Value,
                StringComparer.Ordinal);
            return (scored, io with { Outputs = resolved });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OnnxRuntimeException)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{modelDisplayPath} cannot score {data.DisplayPath}: {e.Message}", new SourceLocation(data.DisplayPath, 1, 1), e);
        }
    }

    private static string Plain(string output)
    {
        var name = output.EndsWith(".output", StringComparison.Ordinal) ? output[..^".output".Length] : output;
        return name.ToLowerInvariant();
    }

    private static PrimitiveDataViewType? ItemType(Type element) =>
        element == typeof(float) ? NumberDataViewType.Single
        : element == typeof(double) ? NumberDataViewType.Double
        : element == typeof(long) ? NumberDataViewType.Int64
        : element == typeof(int) ? NumberDataViewType.Int32
        : element == typeof(bool) ? BooleanDataViewType.Instance
        : element == typeof(string) ? TextDataViewType.Instance
        : null;

    private static string Shape(NodeMetadata meta) => $"{meta.ElementType.Name}[{string.Join(", ", meta.Dimensions.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
