using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// Scores a dataset with a model file, an ML.NET model (<c>.zip</c>) or an ONNX model (<c>.onnx</c>), and reads its
/// predictions in the shape an evaluation needs. The task is read from the model's outputs unless given: a vector
/// score is multiclass, a boolean predicted label binary, a lone scalar score regression.
/// </summary>
public static class ModelScorer
{
    public static ScoredModel Score(string modelPath, string modelDisplayPath, DatasetOptions data, ModelInputs io, EvaluationTask? task, CancellationToken cancellationToken = default)
    {
        var (scored, outputs) = Open(modelPath, modelDisplayPath, data, io);
        return Read(modelDisplayPath, data, () => ModelOutputReader.Read(scored, modelDisplayPath, outputs, task, cancellationToken));
    }

    /// <summary>
    /// Reads a scored view, which is when the data streams through the model: the data's own error, with its place,
    /// is reported as it is (ML.NET wraps what a cursor throws); the model's refusal becomes a schema mismatch.
    /// </summary>
    public static T Read<T>(string modelDisplayPath, DatasetOptions data, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not GatesInputException && Inner(e) is { } input)
        {
            throw input;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{modelDisplayPath} cannot score {data.DisplayPath}: {e.Message}", new SourceLocation(data.DisplayPath, 1, 1), e);
        }
    }

    private static GatesInputException? Inner(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is GatesInputException input)
            {
                return input;
            }
        }

        return e is AggregateException aggregate ? aggregate.InnerExceptions.Select(Inner).FirstOrDefault(i => i is not null) : null;
    }

    /// <summary>
    /// The data as the model scores it, lazily (each cursor streams the file), and the model's outputs for each role:
    /// ML.NET's names unless the gates file or the ONNX model's own names say otherwise.
    /// </summary>
    public static (IDataView Scored, ModelInputs Outputs) Open(string modelPath, string modelDisplayPath, DatasetOptions data, ModelInputs io)
    {
        if (!File.Exists(modelPath))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"model file not found: {modelDisplayPath}", new SourceLocation(modelDisplayPath));
        }

        var ml = new MLContext(seed: 0);
        var header = Header(data);
        return Path.GetExtension(modelPath).Equals(".onnx", StringComparison.OrdinalIgnoreCase)
            ? OnnxModel.Transform(ml, modelPath, modelDisplayPath, data, header, io)
            : (Transform(ml, modelPath, modelDisplayPath, data, header, io), io);
    }

    private static IDataView Transform(MLContext ml, string modelPath, string modelDisplayPath, DatasetOptions data, IReadOnlyList<string> header, ModelInputs io)
    {
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.FastTree.FastTreeBinaryModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters).Assembly);
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = ml.Model.Load(modelPath, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GatesInputException(ErrorCodes.BadModel, $"{modelDisplayPath} is not a loadable ML.NET model: {e.Message}", new SourceLocation(modelDisplayPath), e);
        }

        var columns = new List<DataViewColumn>();
        var problems = new List<string>();
        var missing = new List<string>();
        foreach (var column in inputSchema)
        {
            var sources = io.Inputs.TryGetValue(column.Name, out var mapped) ? mapped : header.Contains(column.Name) ? [column.Name] : null;
            if (sources is null)
            {
                // A column the pipeline never reads, such as the label or an id, may be absent from the data; if the
                // model does need it, the schema check below names it.
                missing.Add(column.Name);
                continue;
            }

            if (sources.FirstOrDefault(s => !header.Contains(s)) is { } absent)
            {
                problems.Add($"'{absent}', mapped to the model's input '{column.Name}', is not a column of the data");
                continue;
            }

            switch (column.Type)
            {
                case VectorDataViewType { ItemType: NumberDataViewType item, Size: > 0 } vector when item.RawType == typeof(float):
                    if (sources.Count != vector.Size)
                    {
                        problems.Add($"'{column.Name}' is a vector of {vector.Size} numbers; map it to {vector.Size} data columns (inputs), not {sources.Count}");
                        continue;
                    }

                    break;
                case VectorDataViewType:
                    problems.Add($"'{column.Name}' has type {column.Type}, which data columns cannot supply");
                    continue;
                default:
                    if (!Supported(column.Type.RawType))
                    {
                        problems.Add($"'{column.Name}' has type {column.Type}, which a data column cannot supply");
                        continue;
                    }

                    if (sources.Count != 1)
                    {
                        problems.Add($"'{column.Name}' is one value; map it to one data column, not {sources.Count}");
                        continue;
                    }

                    break;
            }

            columns.Add(new DataViewColumn(column.Name, column.Type, sources));
        }

        if (problems.Count > 0)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{data.DisplayPath} does not fit the input schema of {modelDisplayPath}: {string.Join("; ", problems)}", new SourceLocation(data.DisplayPath, 1, 1));
        }

        var view = new TableDataView(data, columns);
        try
        {
            model.GetOutputSchema(view.Schema);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            var absent = missing.Count == 0 ? string.Empty : $"; the model's inputs missing from the data: {string.Join(", ", missing)}";
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{data.DisplayPath} does not fit the input schema of {modelDisplayPath}: {e.Message}{absent}", new SourceLocation(data.DisplayPath, 1, 1), e);
        }

        return model.Transform(view);
    }

    internal static bool Supported(Type raw) =>
        raw == typeof(float) || raw == typeof(double) || raw == typeof(bool) || raw == typeof(ReadOnlyMemory<char>)
        || raw == typeof(int) || raw == typeof(long) || raw == typeof(uint);

    private static string[] Header(DatasetOptions data)
    {
        using var reader = TableReaders.Open(data);
        return reader.Columns.ToArray();
    }
}
