using System.Text.Json;
using MlOps.Gates.Cards;
using MlOps.Gates.Registry;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>
/// The gates of a report.json read back by type, as a registration records them: what <c>registry register --report</c>
/// reads from the report of an earlier run.
/// </summary>
public static class ReportGates
{
    private static readonly string[] DatasetEvidence = ["path", "data", "reference", "current"];

    public static IReadOnlyList<GateSummary> Read(string path) => ReadWithCard(path).Gates;

    /// <summary>The gates of a report.json and what a model card keeps of it: its card section and every evaluation.</summary>
    public static (IReadOnlyList<GateSummary> Gates, CardFacts Card) ReadWithCard(string path)
    {
        if (!File.Exists(path))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"--report: {path} not found");
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), ReportJson.Options);
        }
        catch (JsonException e)
        {
            throw new GatesInputException(ErrorCodes.BadReport, $"--report: {path} is not a report.json of mlops-gates: {e.Message}", new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), e);
        }

        if (document?.Gates is not { } gates || gates.Any(g => g is null || string.IsNullOrEmpty(g.Name) || string.IsNullOrEmpty(g.Type) || g.Status is null))
        {
            throw new GatesInputException(ErrorCodes.BadReport, $"--report: {path} is not a report.json of mlops-gates (it needs gates with a name, type and status)", new SourceLocation(path));
        }

        var summaries = gates.Select(g => new GateSummary(
            g!.Name!,
            g.Type!,
            g.Status!.Value,
            DatasetEvidence.Select(k => g.Evidence?.GetValueOrDefault(k)).OfType<string>().Where(v => v.Length > 0).ToList()))
            .ToList();
        var card = new CardFacts
        {
            Card = document.Card,
            Evaluations = gates.Where(g => g!.Evaluation is not null).Select(g => Evaluation(g!.Name!, g.Evaluation!)).ToList(),
        };
        return (summaries, card);
    }

    private static CardEvaluation Evaluation(string gate, EvaluationDoc doc) => new()
    {
        Gate = gate,
        Task = doc.Task ?? "unknown",
        Rows = doc.Rows,
        Baseline = doc.Baseline,
        Confidence = doc.Confidence,
        Metrics = (doc.Metrics ?? [])
            .Where(m => m?.Name is not null && m.Value is { } v && double.IsFinite(v))
            .Select(m => new CardMetric(m!.Name!, m.Value!.Value, Finite(m.Baseline), Finite(m.IntervalLow), Finite(m.IntervalHigh), Finite(m.PValue), m.Verdict ?? string.Empty))
            .ToList(),
        Slices = (doc.Slices ?? [])
            .Where(s => s?.Name is not null)
            .Select(s => new CardSlice(s!.Name!, s.Rows, s.Verdict ?? string.Empty, (s.Metrics ?? new Dictionary<string, double>()).Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)))
            .ToList(),
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private sealed record Document(IReadOnlyList<Gate?>? Gates, ModelCardSection? Card);

    private sealed record Gate(string? Name, string? Type, GateStatus? Status, IReadOnlyDictionary<string, string>? Evidence, EvaluationDoc? Evaluation);

    private sealed record EvaluationDoc(string? Task, int Rows, string? Baseline, double Confidence, IReadOnlyList<MetricDoc?>? Metrics, IReadOnlyList<SliceDoc?>? Slices);

    private sealed record MetricDoc(string? Name, double? Value, double? Baseline, double? IntervalLow, double? IntervalHigh, double? PValue, string? Verdict);

    private sealed record SliceDoc(string? Name, int Rows, string? Verdict, IReadOnlyDictionary<string, double>? Metrics);
}
