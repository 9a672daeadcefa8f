using System.Text.Json;
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

    public static IReadOnlyList<GateSummary> Read(string path)
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

        return gates.Select(g => new GateSummary(
            g!.Name!,
            g.Type!,
            g.Status!.Value,
            DatasetEvidence.Select(k => g.Evidence?.GetValueOrDefault(k)).OfType<string>().Where(v => v.Length > 0).ToList()))
            .ToList();
    }

    private sealed record Document(IReadOnlyList<Gate?>? Gates);

    private sealed record Gate(string? Name, string? Type, GateStatus? Status, IReadOnlyDictionary<string, string>? Evidence);
}
