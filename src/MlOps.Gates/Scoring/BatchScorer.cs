using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Gates.Data;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;
using MlOps.Gates.Results;

namespace MlOps.Gates.Scoring;

/// <summary>
/// Scores a dataset with a model and writes one row of predictions per data row, beside the data columns asked to be
/// kept: streaming (the data is read as the model scores it, the kept columns by a second reader in step with it), so
/// memory does not grow with the rows. The file appears whole or not at all.
/// </summary>
/// <remarks>
/// Columns written: <c>predicted</c> (a classifier's label, <c>true</c>/<c>false</c> for a binary one, or a
/// regression's value), a binary model's <c>probability</c> and <c>score</c> where it gives them, and a multiclass
/// model's <c>probability_CLASS</c> per class: the names <c>evaluate --predictions</c> finds without being told.
/// </remarks>
public static class BatchScorer
{
    public const string Predicted = "predicted";

    public static ScoreSummary Score(ScoreRequest request, CancellationToken cancellationToken = default)
    {
        var format = OutputFormat(request);
        if (Path.GetFullPath(request.Output) == Path.GetFullPath(request.Data.Path))
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"the output {request.OutputDisplayPath} is the data file being scored; write the predictions elsewhere", new SourceLocation(request.OutputDisplayPath));
        }

        var (scored, io) = ModelScorer.Open(request.Model, request.ModelDisplayPath, request.Data, request.Io);
        return ModelScorer.Read(request.ModelDisplayPath, request.Data, () => Write(request, scored, io, format, cancellationToken));
    }

    private static DataFormat OutputFormat(ScoreRequest request)
    {
        if (request.OutputFormat is { } format)
        {
            return format;
        }

        return Path.GetExtension(request.Output).ToLowerInvariant() switch
        {
            ".parquet" => DataFormat.Parquet,
            ".tsv" or ".tab" => DataFormat.Tsv,
            _ => DataFormat.Csv,
        };
    }

    private static ScoreSummary Write(ScoreRequest request, IDataView scored, ModelInputs io, DataFormat format, CancellationToken cancellationToken)
    {
        var model = request.ModelDisplayPath;
        var schema = scored.Schema;
        var predicted = ModelOutputReader.Find(schema, io, "predicted", "PredictedLabel");
        var score = ModelOutputReader.Find(schema, io, "score", "Score");
        var probability = ModelOutputReader.Find(schema, io, "probability", "Probability");
        var task = request.Task ?? ModelOutputReader.Infer(schema, predicted, score, probability, model);
        var classScores = task == EvaluationTask.Multiclass ? probability ?? score ?? throw ModelOutputReader.Missing(model, "the class scores (Score)", schema) : (DataViewSchema.Column?)null;
        var classes = classScores is { } c ? ModelOutputReader.ClassNames(c, predicted, io) : null;
        if (task == EvaluationTask.Regression && (score ?? predicted) is null)
        {
            throw ModelOutputReader.Missing(model, "the predicted value (Score)", schema);
        }

        var (layout, kept) = Layout(request, task, probability, score, classScores, classes, predicted);
        long rows = 0;
        AtomicFile.Write(request.Output, stream =>
        {
            using var writer = format == DataFormat.Parquet ? (ScoreWriter)new ParquetScoreWriter(stream, layout) : new CsvScoreWriter(stream, layout, format == DataFormat.Tsv ? '\t' : ',');
            using var keptRows = kept.Length == 0 ? null : new KeptColumns(request.Data, kept);
            var needed = new[] { predicted, score, probability }.OfType<DataViewSchema.Column>().ToList();
            using var cursor = scored.GetRowCursor(needed);
            var row = new ScoredRow(cursor, task, predicted, score, probability, classScores, classes, model);
            var texts = new string?[layout.Texts.Count];
            var numbers = new double[layout.Numbers.Count];
            while (cursor.MoveNext())
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                keptRows?.Next(texts, rows, model);
                row.Read(rows, texts.AsSpan(kept.Length), numbers);
                writer.Row(texts, numbers);
            }

            if (rows == 0)
            {
                throw new GatesInputException(ErrorCodes.EmptyData, $"{request.Data.DisplayPath} has no rows to score", new SourceLocation(request.Data.DisplayPath, 1, 1));
            }

            keptRows?.End(rows, model);
            writer.Finish();
        });
        return new ScoreSummary(rows, task, layout.Columns, classes);
    }

    private static (ScoreLayout Layout, int[] Kept) Layout(ScoreRequest request, EvaluationTask task, DataViewSchema.Column? probability, DataViewSchema.Column? score, DataViewSchema.Column? classScores, IReadOnlyList<string>? classes, DataViewSchema.Column? predicted)
    {
        var texts = new List<string>();
        var numbers = new List<string>();
        var single = new List<bool>();
        void Number(string name, DataViewSchema.Column column)
        {
            numbers.Add(name);
            single.Add((column.Type is VectorDataViewType vector ? vector.ItemType : column.Type).RawType == typeof(float));
        }

        switch (task)
        {
            case EvaluationTask.Binary:
                texts.Add(Predicted);
                if (probability is { } p)
                {
                    Number("probability", p);
                }

                if (score is { } s && s.Index != probability?.Index)
                {
                    Number("score", s);
                }

                break;
            case EvaluationTask.Multiclass:
                texts.Add(Predicted);
                var k = classes?.Count ?? (classScores!.Value.Type is VectorDataViewType { Size: > 0 } v ? v.Size : 1);
                for (var c = 0; c < k; c++)
                {
                    Number($"probability_{classes?[c] ?? c.ToString(CultureInfo.InvariantCulture)}", classScores!.Value);
                }

                break;
            default:
                Number(Predicted, (score ?? predicted)!.Value);
                break;
        }

        var outputs = texts.Concat(numbers).ToHashSet(StringComparer.Ordinal);
        if (request.Keep.FirstOrDefault(outputs.Contains) is { } clash)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"the kept column '{clash}' has the name of a prediction column the scoring writes ({string.Join(", ", outputs)}); keep it under another name or leave it out", new SourceLocation(request.Data.DisplayPath, 1, 1));
        }

        if (request.Keep.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"the column '{twice.Key}' is kept twice", new SourceLocation(request.Data.DisplayPath, 1, 1));
        }

        var kept = KeptColumns.Indices(request.Data, request.Keep);
        return (new ScoreLayout([.. request.Keep, .. texts], numbers, single), kept);
    }
}
