using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>
/// A small run with every kind of field a report shows, rendered once on a spare core so that the template engine and
/// the serializer have done their first-use work before the real reports are written.
/// </summary>
internal static class SampleRun
{
    public static RunResult Create()
    {
        var location = new SourceLocation("sample.csv", 2, 3);
        var quality = new CheckResult
        {
            Id = "between(x)",
            Kind = "between",
            Code = "MLG2009",
            Description = "values of 'x' are in [0, 1]",
            Columns = ["x"],
            Success = false,
            Message = "1 of 2 values (50%) unexpected",
            ElementCount = 2,
            MissingCount = 0,
            UnexpectedCount = 1,
            UnexpectedPercent = 50,
            Mostly = 0.9,
            ObservedValue = 1.5,
            PartialUnexpected = [new UnexpectedValue("2", 1, location)],
            Parameters = new Dictionary<string, object?> { ["min"] = "0" },
            Metrics = new Dictionary<string, double?> { ["mean"] = 1.5 },
            ConfigLocation = location,
        };
        var drift = quality with
        {
            Id = "x",
            Kind = "ks",
            Code = "MLG4001",
            Severity = Severity.Warning,
            Chart = [new ChartPoint("a", 0.5, 0.4), new ChartPoint("b", 0.5, 0.6)],
            Parameters = new Dictionary<string, object?> { ["column_type"] = "numeric", ["tested"] = true, ["role"] = "feature" },
            Metrics = new Dictionary<string, double?> { ["statistic"] = 0.1, ["p_value"] = 0.5, ["threshold"] = 0.05 },
            Drift = new ColumnDriftStatistics("ks", "numeric", "feature", true, 0.1, 0.5, null, 0.05, 2, 2, 0, 0, 2),
        };
        var metrics = new Dictionary<string, double> { ["rows"] = 2, ["columns"] = 1, ["drift_share"] = 0, ["columns_drifted"] = 0, ["columns_tested"] = 1 };
        var evidence = new Dictionary<string, string> { ["path"] = "sample.csv", ["reference"] = "a.csv", ["current"] = "b.csv" };
        return new RunResult
        {
            Version = "0",
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.Zero,
            Gates =
            [
                new GateResult { Name = "q", Type = "data_quality", Status = GateStatus.Failed, Checks = [quality], Findings = [new Finding("MLG2009", Severity.Error, "sample", location, "between(x)")], Metrics = metrics, Evidence = evidence, Dataset = new Quality.DatasetSummary("sample", "sample.csv", 2, ["x"], DateTimeOffset.UnixEpoch) },
                new GateResult { Name = "d", Type = "drift", Status = GateStatus.Warning, Checks = [drift], Metrics = metrics, Evidence = evidence, Drift = new DriftSummary(0, false, 1, 0, 2, 2, 0.5), Inputs = [new("reference", "a.csv", "a.csv"), new("current", "b.csv", "b.csv")] },
            ],
        };
    }
}
