using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>The JSON form of a run, with the stable camelCase field names that <c>schemas/report.schema.json</c> documents.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunResult run) => JsonSerializer.Serialize(new Envelope(run), Options);


    /// <summary>The document's top level: the schema version first, then the run.</summary>
    private sealed class Envelope(RunResult run)
    {
        [JsonPropertyName("$schema")]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "System.Text.Json writes instance properties only.")]
        public string Schema => "https://mlops-gates.dev/schemas/report.schema.json";

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "System.Text.Json writes instance properties only.")]
        public int SchemaVersion => RunResult.SchemaVersion;

        public string Tool => run.Tool;

        public string Version => run.Version;

        public DateTimeOffset StartedAt => run.StartedAt;

        public double DurationSeconds => Math.Round(run.Duration.TotalSeconds, 3);

        public string? Config => run.Config;

        public GateStatus Status => run.Status;

        public Summary Summary => new(run);

        public IEnumerable<GateView> Gates => run.Gates.Select(g => new GateView(g));

        /// <summary>What the run did in the model registry: registered, promoted, or refused and why.</summary>
        public IReadOnlyList<RegistryAction> Registry => run.Registry;

        /// <summary>The gates file's card section, when it has one: what a registration from this report keeps for the model card.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Cards.ModelCardSection? Card => run.Card;
    }

    private sealed class Summary(RunResult run)
    {
        public int Gates => run.Gates.Count;

        public int GatesFailed => run.Gates.Count(g => g.Status == GateStatus.Failed);

        public int Checks => run.Gates.Sum(g => g.Checks.Count);

        public int ChecksFailed => run.Gates.Sum(g => g.FailedChecks);

        public int ChecksWarning => run.Gates.Sum(g => g.WarningChecks);

        public int Errors => run.Findings.Count(f => f.Severity == Severity.Error);

        public int Warnings => run.Findings.Count(f => f.Severity == Severity.Warning);
    }

    private sealed class GateView(GateResult gate)
    {
        public string Name => gate.Name;

        public string Type => gate.Type;

        public GateStatus Status => gate.Status;

        public double DurationSeconds => Math.Round(gate.Duration.TotalSeconds, 3);

        public IReadOnlyDictionary<string, double> Metrics => gate.Metrics;

        public IReadOnlyDictionary<string, string> Evidence => gate.Evidence;

        public IReadOnlyList<Finding> Findings => gate.Findings;

        public IReadOnlyList<CheckResult> Checks => gate.Checks;

        /// <summary>For drift gates: one entry per column with the documented fields.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IEnumerable<DriftColumn>? Columns => gate.Drift is null
            ? null
            : gate.Checks.Where(c => c.Columns.Count == 1).Select(c => new DriftColumn(c));

        /// <summary>For evaluate gates: each metric with its baseline value, delta, interval and verdict; confusion matrices, curves and slices.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ModelEvaluation? Evaluation => gate.Evaluation;

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ShadowComparison? Shadow => gate.Shadow;

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? DriftShare => gate.Drift?.DriftShare;

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? DatasetDrift => gate.Drift?.DatasetDrift;
    }

    private sealed class DriftColumn(CheckResult check)
    {
        public string Name => check.Columns[0];

        public string Test => check.Kind;

        public double? Statistic => check.Drift?.Statistic;

        public double? PValue => check.Drift?.PValue;

        public double? PValueAdjusted => check.Drift?.PValueAdjusted;

        public double? Threshold => check.Drift?.Threshold;

        public bool Drifted => !check.Success;

        public bool Tested => check.Drift?.Tested ?? true;

        public string? ColumnType => check.Drift?.ColumnType;

        public string? Role => check.Drift?.Role;

        public double? ReferenceCount => check.Drift?.ReferenceCount;

        public double? CurrentCount => check.Drift?.CurrentCount;

        public double? ReferenceMissing => check.Drift?.ReferenceMissing;

        public double? CurrentMissing => check.Drift?.CurrentMissing;

        public string Message => check.Message;
    }
}
