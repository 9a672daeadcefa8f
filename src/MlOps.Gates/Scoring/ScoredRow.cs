using System.Globalization;
using Microsoft.ML;
using MlOps.Gates.Evaluation;
using MlOps.Gates.Models;

namespace MlOps.Gates.Scoring;

/// <summary>
/// Reads one row of a model's outputs into the scored file's columns, with the checks an evaluation makes: no NaN or
/// infinite prediction, a probability within [0, 1], the slots a task needs.
/// </summary>
internal sealed class ScoredRow
{
    private readonly EvaluationTask _task;
    private readonly OutputColumn? _predicted;
    private readonly OutputColumn? _score;
    private readonly OutputColumn? _probability;
    private readonly OutputColumn? _classScores;
    private readonly IReadOnlyList<string>? _classes;
    private readonly string _model;
    private readonly List<double> _slots = [];

    public ScoredRow(DataViewRowCursor cursor, EvaluationTask task, DataViewSchema.Column? predicted, DataViewSchema.Column? score, DataViewSchema.Column? probability, DataViewSchema.Column? classScores, IReadOnlyList<string>? classes, string model)
    {
        _task = task;
        _predicted = predicted is { } p ? new OutputColumn(cursor, p) : null;
        _score = score is { } s && s.Index != probability?.Index ? new OutputColumn(cursor, s) : null;
        _probability = probability is { } q ? new OutputColumn(cursor, q) : null;
        _classScores = classScores is { } c ? new OutputColumn(cursor, c) : null;
        _classes = classes;
        _model = model;
    }

    /// <summary>The predicted label (classifiers) into <paramref name="texts"/>, the numbers into <paramref name="numbers"/>.</summary>
    public void Read(long row, Span<string?> texts, Span<double> numbers)
    {
        switch (_task)
        {
            case EvaluationTask.Binary:
                Binary(row, texts, numbers);
                break;
            case EvaluationTask.Multiclass:
                Multiclass(row, texts, numbers);
                break;
            default:
                numbers[0] = One(_score ?? _predicted!, row, "prediction");
                break;
        }
    }

    private void Binary(long row, Span<string?> texts, Span<double> numbers)
    {
        var n = 0;
        double? probability = null, score = null;
        if (_probability is not null)
        {
            var value = TwoClass(_probability, row, "probability");
            if (value is < 0 or > 1)
            {
                throw ModelOutputReader.Bad(_model, row, $"the probability {value.ToString("R", CultureInfo.InvariantCulture)} is outside [0, 1]");
            }

            numbers[n++] = value;
            probability = value;
        }

        if (_score is not null)
        {
            numbers[n] = TwoClass(_score, row, "score");
            score = numbers[n];
        }

        var positive = _predicted is not null
            ? ModelOutputReader.Positive(_predicted, _slots, _model, row)
            : probability is { } p ? p >= 0.5 : score >= 0;
        texts[0] = positive ? "true" : "false";
    }

    private double TwoClass(OutputColumn column, long row, string what)
    {
        column.Vector(_slots);
        var value = _slots.Count == 2 ? _slots[1] : _slots.Count == 1 ? _slots[0] : throw ModelOutputReader.Bad(_model, row, $"the {what} '{column.Column.Name}' has {_slots.Count} slots; a binary model has 1 or 2");
        return double.IsFinite(value) ? value : throw ModelOutputReader.Bad(_model, row, $"the {what} is {value.ToString(CultureInfo.InvariantCulture)}");
    }

    private void Multiclass(long row, Span<string?> texts, Span<double> numbers)
    {
        _classScores!.Vector(_slots);
        if (_slots.Count != numbers.Length)
        {
            throw ModelOutputReader.Bad(_model, row, $"the scores have {_slots.Count} slots, but the model has {numbers.Length} classes");
        }

        var best = 0;
        for (var c = 0; c < _slots.Count; c++)
        {
            var v = _slots[c];
            if (!double.IsFinite(v))
            {
                throw ModelOutputReader.Bad(_model, row, $"the score of class {c} is {v.ToString(CultureInfo.InvariantCulture)}");
            }

            numbers[c] = v;
            best = v > _slots[best] ? c : best;
        }

        // The model's own label wins: a key names the class by index, a text output is the class itself.
        texts[0] = _predicted switch
        {
            { IsKey: true } key => ClassName((int)key.Scalar() - 1, row),
            { IsText: true } text => text.Text(),
            _ => ClassName(best, row),
        };
    }

    private string ClassName(int index, long row) =>
        index < (_classes?.Count ?? int.MaxValue) ? _classes?[index] ?? index.ToString(CultureInfo.InvariantCulture)
        : throw ModelOutputReader.Bad(_model, row, $"the predicted class {index} is not one of the model's {_classes!.Count}");

    private double One(OutputColumn column, long row, string what)
    {
        column.Vector(_slots);
        var value = _slots.Count == 1 ? _slots[0] : throw ModelOutputReader.Bad(_model, row, $"the {what} '{column.Column.Name}' has {_slots.Count} slots; a regression model has 1");
        return double.IsFinite(value) ? value : throw ModelOutputReader.Bad(_model, row, $"the {what} is {value.ToString(CultureInfo.InvariantCulture)}");
    }
}
