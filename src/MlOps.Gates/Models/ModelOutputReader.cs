using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Results;

namespace MlOps.Gates.Models;

/// <summary>
/// Reads a scored view's predictions: ML.NET's PredictedLabel, Score and Probability columns, or the outputs the
/// gates file names. Binary and multiclass probabilities must lie in [0, 1] and no prediction may be NaN.
/// </summary>
internal static class ModelOutputReader
{
    public static ScoredModel Read(IDataView scored, string model, ModelInputs io, EvaluationTask? task, CancellationToken cancellationToken = default)
    {
        var schema = scored.Schema;
        var predicted = Find(schema, io, "predicted", "PredictedLabel");
        var score = Find(schema, io, "score", "Score");
        var probability = Find(schema, io, "probability", "Probability");
        task ??= Infer(schema, predicted, score, probability, model);
        var needed = new[] { predicted, score, probability }.OfType<DataViewSchema.Column>().ToList();
        using var cursor = scored.GetRowCursor(needed);
        var p = predicted is { } a ? new OutputColumn(cursor, a) : null;
        var s = score is { } b ? new OutputColumn(cursor, b) : null;
        var q = probability is { } c ? new OutputColumn(cursor, c) : null;
        return task switch
        {
            EvaluationTask.Binary => Binary(cursor, p, s, q, model, cancellationToken),
            EvaluationTask.Multiclass => Multiclass(cursor, p, q ?? s ?? throw Missing(model, "the class scores (Score)", schema), model, io, cancellationToken),
            _ => Regression(cursor, s ?? p ?? throw Missing(model, "the predicted value (Score)", schema), model, cancellationToken),
        };
    }

    internal static DataViewSchema.Column? Find(DataViewSchema schema, ModelInputs io, string role, string fallback)
    {
        if (io.Outputs.TryGetValue(role, out var name))
        {
            return schema.GetColumnOrNull(name) ?? throw new GatesInputException(
                ErrorCodes.SchemaMismatch,
                $"the model has no output '{name}' (named as its {role}); it has: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}");
        }

        return schema.GetColumnOrNull(fallback) is { IsHidden: false } column ? column : null;
    }

    internal static EvaluationTask Infer(DataViewSchema schema, DataViewSchema.Column? predicted, DataViewSchema.Column? score, DataViewSchema.Column? probability, string model)
    {
        if (predicted?.Type is KeyDataViewType || score?.Type is VectorDataViewType { Size: > 2 } || probability?.Type is VectorDataViewType { Size: > 2 })
        {
            return EvaluationTask.Multiclass;
        }

        if (predicted is not null || probability is not null)
        {
            return EvaluationTask.Binary;
        }

        return score is not null ? EvaluationTask.Regression : throw Missing(model, "a prediction (PredictedLabel, Score or Probability)", schema);
    }

    private static ScoredModel Binary(DataViewRowCursor cursor, OutputColumn? predicted, OutputColumn? score, OutputColumn? probability, string model, CancellationToken cancellationToken)
    {
        var ranking = probability ?? score;
        var labels = new List<bool>();
        var scores = new List<double>();
        var slots = new List<double>();
        long row = 0;
        while (cursor.MoveNext())
        {
            if ((++row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double value = double.NaN;
            if (ranking is not null)
            {
                ranking.Vector(slots);
                value = slots.Count == 2 ? slots[1] : slots.Count == 1 ? slots[0] : throw Bad(model, row, $"the score '{ranking.Column.Name}' has {slots.Count} slots; a binary model has 1 or 2");
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    throw Bad(model, row, $"the {(probability is null ? "score" : "probability")} is {value.ToString(CultureInfo.InvariantCulture)}");
                }

                if (probability is not null && value is < 0 or > 1)
                {
                    throw Bad(model, row, $"the probability {value.ToString("R", CultureInfo.InvariantCulture)} is outside [0, 1]");
                }

                scores.Add(value);
            }

            labels.Add(predicted is null ? value >= (probability is null ? 0 : 0.5) : Positive(predicted, slots, model, row));
        }

        var output = new ModelOutput
        {
            Predicted = labels.ToArray(),
            Score = scores.ToArray(),
            ScoreIsProbability = probability is not null || (scores.Count > 0 && scores.All(v => v is >= 0 and <= 1)),
        };
        return new ScoredModel(EvaluationTask.Binary, null, output, labels.Count);
    }

    /// <param name="slots">A buffer the caller reuses row after row.</param>
    internal static bool Positive(OutputColumn predicted, List<double> slots, string model, long row)
    {
        if (predicted.IsText)
        {
            var text = predicted.Text();
            return text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1" || text.Equals("yes", StringComparison.OrdinalIgnoreCase);
        }

        predicted.Vector(slots);
        return slots.Count == 1 ? slots[0] > 0 : throw Bad(model, row, $"the predicted label '{predicted.Column.Name}' has {slots.Count} slots");
    }

    private static ScoredModel Multiclass(DataViewRowCursor cursor, OutputColumn? predicted, OutputColumn scores, string model, ModelInputs io, CancellationToken cancellationToken)
    {
        var classes = ClassNames(scores.Column, predicted?.Column, io);
        var k = classes?.Count ?? scores.Size;
        var probabilities = new List<double>();
        var chosen = new List<int>();
        var slots = new List<double>();
        var isProbability = true;
        long row = 0;
        while (cursor.MoveNext())
        {
            if ((++row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            scores.Vector(slots);
            if (k == 0)
            {
                k = slots.Count;
            }

            if (slots.Count != k)
            {
                throw Bad(model, row, $"the scores have {slots.Count} slots, but the model has {k} classes");
            }

            double sum = 0;
            var best = 0;
            for (var c = 0; c < k; c++)
            {
                var v = slots[c];
                if (!double.IsFinite(v))
                {
                    throw Bad(model, row, $"the score of class {c} is {v.ToString(CultureInfo.InvariantCulture)}");
                }

                isProbability &= v is >= 0 and <= 1;
                sum += v;
                best = v > slots[best] ? c : best;
                probabilities.Add(v);
            }

            isProbability &= Math.Abs(sum - 1) < 1e-3;
            chosen.Add(predicted is { IsKey: true } key ? (int)key.Scalar() - 1 : best);
        }

        classes ??= Enumerable.Range(0, k).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList();
        var output = new ModelOutput { PredictedClass = chosen.ToArray(), Probabilities = isProbability ? probabilities.ToArray() : [] };
        return new ScoredModel(EvaluationTask.Multiclass, classes, output, chosen.Count);
    }

    /// <summary>Class names from the score's slot names, else the predicted label's key values, else the gates file.</summary>
    internal static IReadOnlyList<string>? ClassNames(DataViewSchema.Column scores, DataViewSchema.Column? predicted, ModelInputs io)
    {
        if (io.Classes.Count > 0)
        {
            return io.Classes;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        if (scores.HasSlotNames())
        {
            scores.GetSlotNames(ref names);
            var list = names.DenseValues().Select(n => n.ToString()).ToList();
            if (list.Count > 0 && list.All(n => n.Length > 0))
            {
                return list;
            }
        }

        if (predicted is { Type: KeyDataViewType } key && key.HasKeyValues())
        {
            key.GetKeyValues(ref names);
            return names.DenseValues().Select(n => n.ToString()).ToList();
        }

        return null;
    }

    private static ScoredModel Regression(DataViewRowCursor cursor, OutputColumn score, string model, CancellationToken cancellationToken)
    {
        var values = new List<double>();
        var slots = new List<double>(1);
        long row = 0;
        while (cursor.MoveNext())
        {
            if ((++row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            score.Vector(slots);
            var v = slots.Count == 1 ? slots[0] : throw Bad(model, row, $"the prediction '{score.Column.Name}' has {slots.Count} slots; a regression model has 1");
            if (!double.IsFinite(v))
            {
                throw Bad(model, row, $"the prediction is {v.ToString(CultureInfo.InvariantCulture)}");
            }

            values.Add(v);
        }

        return new ScoredModel(EvaluationTask.Regression, null, new ModelOutput { Value = values.ToArray() }, values.Count);
    }

    internal static GatesInputException Bad(string model, long row, string problem) =>
        new(ErrorCodes.BadPrediction, string.Create(CultureInfo.InvariantCulture, $"{model} on data row {row}: {problem}"), new SourceLocation(model));

    internal static GatesInputException Missing(string model, string what, DataViewSchema schema) =>
        new(ErrorCodes.SchemaMismatch, $"{model} has no output for {what}; its outputs are {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}; name them with outputs:", new SourceLocation(model));
}
