using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Drift;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// Scores a dataset with an ML.NET model and returns its prediction columns (score, probability, predicted label)
/// as drift samples. The dataset's columns are mapped onto the model's input schema by name.
/// </summary>
public static class PredictionScorer
{
    public const string Prefix = "prediction.";
    private static readonly string[] Outputs = ["Score", "Probability", "PredictedLabel"];

    public static IReadOnlyDictionary<string, ColumnSample> Score(string modelPath, string modelDisplayPath, DatasetOptions dataset)
    {
        var ml = new MLContext(seed: 0);
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

        var header = ReadHeader(dataset);
        var columns = new List<TextLoader.Column>();
        var problems = new List<string>();
        var missing = new List<string>();
        foreach (var column in inputSchema)
        {
            // A column the pipeline never reads, such as the label, may be absent from production data; if the model
            // does need it, scoring fails below and the error names it.
            var index = Array.IndexOf(header, column.Name);
            if (index < 0)
            {
                missing.Add(column.Name);
                continue;
            }

            if (column.Type is VectorDataViewType || column.Type.RawType is not { } raw || Kind(raw) is not { } kind)
            {
                problems.Add($"'{column.Name}' has type {column.Type}, which a data file cannot supply");
                continue;
            }

            columns.Add(new TextLoader.Column(column.Name, kind, index));
        }

        if (problems.Count > 0)
        {
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{dataset.DisplayPath} does not fit the input schema of {modelDisplayPath}: {string.Join("; ", problems)}", new SourceLocation(dataset.DisplayPath, 1, 1));
        }

        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = columns.ToArray(),
            HasHeader = dataset.HasHeader,
            Separators = [dataset.Delimiter ?? (dataset.Format == DataFormat.Tsv ? '\t' : ',')],
            AllowQuoting = true,
            ReadMultilines = true,
        });
        try
        {
            return Collect(model.Transform(loader.Load(dataset.Path)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            var absent = missing.Count == 0 ? string.Empty : $" (columns of the model's input missing from the data: {string.Join(", ", missing)})";
            throw new GatesInputException(ErrorCodes.SchemaMismatch, $"{modelDisplayPath} cannot score {dataset.DisplayPath}: {e.Message}{absent}", new SourceLocation(dataset.DisplayPath, 1, 1), e);
        }
    }

    private static IReadOnlyDictionary<string, ColumnSample> Collect(IDataView scored)
    {
        var wanted = Outputs
            .Select(name => scored.Schema.GetColumnOrNull(name))
            .Where(c => c is { IsHidden: false } && c.Value.Type is not VectorDataViewType)
            .Select(c => c!.Value)
            .ToList();
        var samples = wanted.ToDictionary(c => Prefix + c.Name, c => new ColumnSample(Prefix + c.Name), StringComparer.Ordinal);
        using var cursor = scored.GetRowCursor(wanted);
        var readers = wanted.Select(c => Reader(cursor, c, samples[Prefix + c.Name])).ToList();
        while (cursor.MoveNext())
        {
            foreach (var read in readers)
            {
                read();
            }
        }

        foreach (var sample in samples.Values)
        {
            sample.Sort();
        }

        return samples;
    }

    private static Action Reader(DataViewRowCursor cursor, DataViewSchema.Column column, ColumnSample sample)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(float))
        {
            var get = cursor.GetGetter<float>(column);
            float value = 0;
            return () =>
            {
                get(ref value);
                if (float.IsNaN(value))
                {
                    sample.AddMissing();
                }
                else
                {
                    sample.AddNumber(value, Numbers.Format(value));
                }
            };
        }

        if (raw == typeof(double))
        {
            var get = cursor.GetGetter<double>(column);
            double value = 0;
            return () =>
            {
                get(ref value);
                sample.AddNumber(value, Numbers.Format(value));
            };
        }

        if (raw == typeof(bool))
        {
            var get = cursor.GetGetter<bool>(column);
            var value = false;
            return () =>
            {
                get(ref value);
                sample.AddCategory(value ? "true" : "false");
            };
        }

        if (raw == typeof(uint))
        {
            var get = cursor.GetGetter<uint>(column);
            uint value = 0;
            return () =>
            {
                get(ref value);
                sample.AddCategory(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            };
        }

        var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> memory = default;
        return () =>
        {
            text(ref memory);
            sample.AddCategory(memory.Span.ToString());
        };
    }

    private static DataKind? Kind(Type type) =>
        type == typeof(float) ? DataKind.Single
        : type == typeof(double) ? DataKind.Double
        : type == typeof(bool) ? DataKind.Boolean
        : type == typeof(ReadOnlyMemory<char>) ? DataKind.String
        : type == typeof(int) ? DataKind.Int32
        : type == typeof(long) ? DataKind.Int64
        : type == typeof(uint) ? DataKind.UInt32
        : null;

    private static string[] ReadHeader(DatasetOptions dataset)
    {
        using var reader = TableReaders.Open(dataset);
        return reader.Columns.ToArray();
    }
}
