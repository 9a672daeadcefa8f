using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Evaluation;

/// <summary>
/// Reads a labelled dataset in one pass: the label and slice columns always, and for a predictions file the predicted
/// label, score, probability or per-class probability columns, so a model from any framework can be gated.
/// </summary>
public static class PredictionsReader
{
    /// <summary>Reads a predictions file: labels, slices and the model's predictions, all from its columns.</summary>
    public static (GroundTruth Truth, ModelOutput Output) Read(DatasetOptions file, EvaluationColumns columns, CancellationToken cancellationToken = default)
    {
        columns = WithConventionalColumns(file, columns);
        if (columns.Predicted is null && columns.Score is null && columns.Probability is null && columns.Probabilities.Count == 0)
        {
            throw new GatesInputException(ErrorCodes.MissingColumn, $"{file.DisplayPath}: name the column of the predicted label, the score, the probability or the class probabilities", file.DeclaredAt);
        }

        var task = columns.Task ?? (columns.Probabilities.Count > 0 ? EvaluationTask.Multiclass : null);
        var read = Scan(file, columns, task, includePredictions: true, cancellationToken);
        task ??= Infer(read.Label, read.Predicted, columns);

        var truth = Truth(file, columns, task.Value, read, knownClasses: columns.Probabilities.Select(p => p.Key).ToList());
        return (truth, Output(file, columns, truth, read));
    }

    /// <summary>
    /// A predictions file's roles left unnamed get the usual names where its header has them: predicted (prediction,
    /// predicted_label, PredictedLabel), and unless a score or probability is named, probability and score.
    /// </summary>
    private static EvaluationColumns WithConventionalColumns(DatasetOptions file, EvaluationColumns columns)
    {
        if (columns.Probabilities.Count > 0 || (columns.Predicted is not null && (columns.Score is not null || columns.Probability is not null)))
        {
            return columns;
        }

        using var reader = TableReaders.Open(file);
        string? Find(params string[] names) => names.FirstOrDefault(n => n != columns.Label && reader.IndexOf(n) >= 0);
        var ranked = columns.Score is not null || columns.Probability is not null;
        return columns with
        {
            Predicted = columns.Predicted ?? Find("predicted", "prediction", "predicted_label", "PredictedLabel", "Prediction"),
            Probability = ranked ? columns.Probability : Find("probability", "Probability"),
            Score = ranked ? columns.Score : Find("score", "Score"),
        };
    }

    /// <summary>Reads the labels and slices of a dataset a model will score; the classes come from the model when it names them.</summary>
    public static GroundTruth ReadTruth(DatasetOptions file, EvaluationColumns columns, EvaluationTask task, IReadOnlyList<string>? modelClasses, CancellationToken cancellationToken = default)
    {
        var read = Scan(file, columns, task, includePredictions: false, cancellationToken);
        return Truth(file, columns, task, read, modelClasses);
    }

    internal sealed record Buffers(ColumnBuffer Label, ColumnBuffer? Predicted, ColumnBuffer? Score, ColumnBuffer[] Probabilities, ColumnBuffer[] Slices, int Rows);

    private static Buffers Scan(DatasetOptions file, EvaluationColumns columns, EvaluationTask? task, bool includePredictions, CancellationToken cancellationToken)
    {
        using var reader = TableReaders.Open(file);
        var expected = DataFiles.CountRowsAtMost(file);
        var regression = task == EvaluationTask.Regression;
        var label = new ColumnBuffer(columns.Label, "label", regression, expected);
        ColumnBuffer? predicted = null, score = null;
        var probabilities = Array.Empty<ColumnBuffer>();
        if (includePredictions)
        {
            predicted = columns.Predicted is { } p ? new ColumnBuffer(p, "predicted label", regression, expected) : null;
            score = columns.Probability is { } q ? new ColumnBuffer(q, "probability", true, expected, unitInterval: true)
                : columns.Score is { } s ? new ColumnBuffer(s, "score", true, expected)
                : null;
            probabilities = columns.Probabilities.Select(c => new ColumnBuffer(c.Value, $"probability of {c.Key}", true, expected, unitInterval: true)).ToArray();
        }

        var slices = columns.Slices.Select(c => new ColumnBuffer(c, "slice", false, expected, allowMissing: true)).ToArray();
        ColumnBuffer?[] wanted = [label, predicted, score, .. probabilities, .. slices];
        var buffers = wanted.OfType<ColumnBuffer>().ToArray();
        var indices = buffers.Select(b => IndexOf(reader, b.Column, file)).ToArray();
        var visitor = new BufferVisitor(buffers, file.DisplayPath);
        var rows = ColumnScanner.Scan(reader, indices, ref visitor, cancellationToken);
        if (rows == 0)
        {
            throw new GatesInputException(ErrorCodes.EmptyData, $"{file.DisplayPath} has no rows to evaluate", new SourceLocation(file.DisplayPath, 1, 1));
        }

        return new Buffers(label, predicted, score, probabilities, slices, checked((int)rows));
    }

    private static int IndexOf(TableReader reader, string column, DatasetOptions file)
    {
        var index = reader.IndexOf(column);
        if (index < 0)
        {
            var shown = string.Join(", ", reader.Columns.Take(30));
            var hint = Config.Suggest.Nearest(column, reader.Columns) is { } near ? $"; did you mean '{near}'?" : string.Empty;
            throw new GatesInputException(ErrorCodes.MissingColumn, $"{file.DisplayPath} has no column '{column}' (it has: {shown}){hint}", new SourceLocation(file.DisplayPath, 1, 1));
        }

        return index;
    }

    /// <summary>
    /// The task a predictions file holds when none is named: many distinct numbers, or any fraction, mean regression;
    /// at most two values binary; otherwise multiclass.
    /// </summary>
    private static EvaluationTask Infer(ColumnBuffer label, ColumnBuffer? predicted, EvaluationColumns columns)
    {
        var values = label.Book.Values;
        var numbers = values.Select(v => Numbers.TryParse(v, out var d) ? d : (double?)null).ToList();
        if (numbers.All(n => n is not null) && (values.Count > 20 || (numbers.Any(n => n != Math.Floor(n!.Value)) && values.Count > 2)))
        {
            return EvaluationTask.Regression;
        }

        return values.Count <= 2 && (predicted is null || predicted.Book.Count <= 2) ? EvaluationTask.Binary : EvaluationTask.Multiclass;
    }

    private static GroundTruth Truth(DatasetOptions file, EvaluationColumns columns, EvaluationTask task, Buffers read, IReadOnlyList<string>? knownClasses)
    {
        var slices = read.Slices.Select(s => new SliceColumn(s.Column, s.Codes.ToArray(), s.Book.Values.ToList())).ToList();
        switch (task)
        {
            case EvaluationTask.Binary:
                var (negative, positive) = knownClasses is { Count: 2 } && columns.PositiveClass is null
                    ? (knownClasses[0], knownClasses[1])
                    : ClassMapping.BinaryClasses(read.Label.Book, columns.PositiveClass, file.DisplayPath, columns.Label);
                return new GroundTruth
                {
                    Task = task, Count = read.Rows, Slices = slices, Classes = [negative, positive],
                    Positive = ClassMapping.ToBinary(read.Label, negative, positive, file.DisplayPath),
                };
            case EvaluationTask.Multiclass:
                var books = read.Predicted is null ? [read.Label.Book] : new[] { read.Label.Book, read.Predicted.Book };
                var classes = ClassMapping.Classes(knownClasses, books);
                return new GroundTruth
                {
                    Task = task, Count = read.Rows, Slices = slices, Classes = classes,
                    Class = ClassMapping.ToClasses(read.Label, classes, file.DisplayPath),
                };
            default:
                return new GroundTruth
                {
                    Task = task, Count = read.Rows, Slices = slices,
                    Value = read.Label.ToNumbers(file.DisplayPath),
                };
        }
    }

    private static ModelOutput Output(DatasetOptions file, EvaluationColumns columns, GroundTruth truth, Buffers read)
    {
        var source = file.DisplayPath;
        switch (truth.Task)
        {
            case EvaluationTask.Binary:
                var score = read.Score?.Numbers.ToArray() ?? [];
                var isProbability = read.Score is { } s && (s.UnitInterval || s.AllInUnitInterval);
                bool[] predicted;
                if (read.Predicted is { } p)
                {
                    predicted = ClassMapping.ToBinary(p, truth.Classes[0], truth.Classes[1], source);
                }
                else
                {
                    var cut = isProbability ? columns.DecisionThreshold : 0;
                    predicted = score.Select(v => v >= cut).ToArray();
                }

                return new ModelOutput { Predicted = predicted, Score = score, ScoreIsProbability = isProbability };
            case EvaluationTask.Multiclass:
                var k = truth.Classes.Count;
                var probabilities = Array.Empty<double>();
                if (read.Probabilities.Length > 0)
                {
                    probabilities = new double[read.Rows * k];
                    for (var c = 0; c < k; c++)
                    {
                        var values = read.Probabilities[c].Numbers;
                        for (var i = 0; i < read.Rows; i++)
                        {
                            probabilities[(i * k) + c] = values[i];
                        }
                    }
                }

                int[] classes;
                if (read.Predicted is { } q)
                {
                    classes = ClassMapping.ToClasses(q, truth.Classes, source);
                }
                else if (probabilities.Length > 0)
                {
                    classes = new int[read.Rows];
                    for (var i = 0; i < read.Rows; i++)
                    {
                        classes[i] = ArgMax(probabilities.AsSpan(i * k, k));
                    }
                }
                else
                {
                    throw new GatesInputException(ErrorCodes.MissingColumn, $"{source}: a multiclass evaluation needs the predicted label or the class probabilities", file.DeclaredAt);
                }

                return new ModelOutput { PredictedClass = classes, Probabilities = probabilities };
            default:
                if (read.Predicted is not null)
                {
                    return new ModelOutput { Value = read.Predicted.ToNumbers(file.DisplayPath) };
                }

                // ML.NET's regression trainers put their prediction in Score: a lone score is the predicted value.
                if (read.Score is not null)
                {
                    return new ModelOutput { Value = read.Score.Numbers.ToArray() };
                }

                throw new GatesInputException(ErrorCodes.MissingColumn, $"{source}: a regression evaluation needs the predicted value's column (predicted, or ML.NET's Score)", file.DeclaredAt);
        }
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
