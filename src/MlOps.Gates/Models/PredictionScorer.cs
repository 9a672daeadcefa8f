using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Drift;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// Scores a dataset with a model (ML.NET or ONNX, through <see cref="ModelScorer"/>) and returns its scalar prediction
/// columns (score, probability, predicted label) as drift samples.
/// </summary>
public static class PredictionScorer
{
    public const string Prefix = "prediction.";
    private static readonly string[] Outputs = ["Score", "Probability", "PredictedLabel"];

    public static IReadOnlyDictionary<string, ColumnSample> Score(string modelPath, string modelDisplayPath, DatasetOptions dataset)
    {
        var (scored, outputs) = ModelScorer.Open(modelPath, modelDisplayPath, dataset, new ModelInputs());
        return ModelScorer.Read(modelDisplayPath, dataset, () => Collect(scored, outputs));
    }

    /// <summary>Samples of the scalar prediction columns, named by ML.NET's names (prediction.Score, ...) whatever the model calls them.</summary>
    private static Dictionary<string, ColumnSample> Collect(IDataView scored, ModelInputs outputs)
    {
        var wanted = Outputs
            .Select(name => (Name: name, Column: scored.Schema.GetColumnOrNull(outputs.Outputs.GetValueOrDefault(Role(name), name))))
            .Where(c => c.Column is { IsHidden: false } && c.Column.Value.Type is not VectorDataViewType { Size: not 1 })
            .Select(c => (c.Name, Column: c.Column!.Value))
            .ToList();
        var samples = wanted.ToDictionary(c => Prefix + c.Name, c => new ColumnSample(Prefix + c.Name), StringComparer.Ordinal);
        using var cursor = scored.GetRowCursor(wanted.Select(c => c.Column));
        var readers = wanted.Select(c => Reader(cursor, c.Column, samples[Prefix + c.Name])).ToList();
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

    /// <summary>Reads one prediction a row into its sample: numbers as numbers, labels and keys as categories; a one-slot vector (ONNX) as its slot.</summary>
    private static Action Reader(DataViewRowCursor cursor, DataViewSchema.Column column, ColumnSample sample)
    {
        var output = new OutputColumn(cursor, column);
        if (output.IsText)
        {
            return () => sample.AddCategory(output.Text());
        }

        var raw = column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType;
        var boolean = raw == typeof(bool);
        var categorical = boolean || raw == typeof(uint) || raw == typeof(long) || column.Type is KeyDataViewType;
        var slots = new List<double>(1);
        return () =>
        {
            output.Vector(slots);
            var value = slots[0];
            if (boolean)
            {
                sample.AddCategory(value > 0 ? "true" : "false");
            }
            else if (categorical)
            {
                sample.AddCategory(value.ToString(CultureInfo.InvariantCulture));
            }
            else if (double.IsNaN(value))
            {
                sample.AddMissing();
            }
            else
            {
                sample.AddNumber(value, raw == typeof(float) ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : Numbers.Format(value));
            }
        };
    }

    private static string Role(string output) => output switch
    {
        "PredictedLabel" => "predicted",
        "Probability" => "probability",
        _ => "score",
    };
}
