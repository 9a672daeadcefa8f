using System.Text.Json;

namespace MlOps.Gates.Monitoring;

/// <summary>What a monitor remembers between runs: how many runs in a row drifted, and the issue it opened.</summary>
public sealed record MonitorState(int ConsecutiveDriftRuns = 0, int? Issue = null, DateTimeOffset? LastRun = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static MonitorState Load(string path)
    {
        if (!File.Exists(path))
        {
            return new MonitorState();
        }

        try
        {
            return JsonSerializer.Deserialize<MonitorState>(File.ReadAllText(path), Options) ?? new MonitorState();
        }
        catch (JsonException e)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"the monitor state {path} is not readable: {e.Message}; delete it to start counting again", new Results.SourceLocation(path), e);
        }
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));
}
