using System.Text.Json;

namespace MlOps.Gates.Monitoring;

/// <summary>What a monitor remembers between runs: per gate, how many runs in a row failed and the issue it opened.</summary>
public sealed record MonitorState
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IReadOnlyDictionary<string, GateMonitorState> Gates { get; init; } = new Dictionary<string, GateMonitorState>(StringComparer.Ordinal);

    public DateTimeOffset? LastRun { get; init; }

    public GateMonitorState For(string gate) => Gates.GetValueOrDefault(gate) ?? new GateMonitorState();

    /// <summary>The state file, or a fresh state when there is none; a state written by an older version starts counting again.</summary>
    public static MonitorState Load(string path)
    {
        if (!File.Exists(path))
        {
            return new MonitorState();
        }

        try
        {
            var state = JsonSerializer.Deserialize<MonitorState>(File.ReadAllText(path), Options) ?? new MonitorState();
            return state with { Gates = new Dictionary<string, GateMonitorState>(state.Gates ?? new Dictionary<string, GateMonitorState>(), StringComparer.Ordinal) };
        }
        catch (JsonException e)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"the monitor state {path} is not readable: {e.Message}; delete it to start counting again", new Results.SourceLocation(path), e);
        }
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));
}

/// <summary>One gate's runs in a row that failed, and the issue opened about it.</summary>
public sealed record GateMonitorState(int ConsecutiveFailures = 0, int? Issue = null);
