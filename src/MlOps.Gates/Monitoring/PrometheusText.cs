using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Monitoring;

/// <summary>
/// A drift gate's result in Prometheus' text exposition format, for node-exporter's textfile collector or a
/// Pushgateway: per column the drift statistic and verdict, per gate the drifted share, dataset drift, status, rows
/// seen, how many runs in a row drifted, and when it ran.
/// </summary>
public static class PrometheusText
{
    public static string Write(GateResult gate, int consecutiveDriftRuns, DateTimeOffset at)
    {
        var text = new StringBuilder();
        var name = Label(gate.Name);
        void Metric(string metric, string help, IEnumerable<(string Labels, double Value)> samples)
        {
            text.Append("# HELP ").Append(metric).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(metric).Append(" gauge\n");
            foreach (var (labels, value) in samples)
            {
                text.Append(metric).Append('{').Append(labels).Append("} ").Append(Number(value)).Append('\n');
            }
        }

        var columns = gate.Checks.Where(c => c.Columns.Count == 1 && c.Kind != "column_present").ToList();
        Metric("mlops_gates_drift_score", "Drift statistic of a column: the p-value for tests, the distance for distances.",
            columns.Where(c => c.ObservedValue is double).Select(c => ($"gate=\"{name}\",column=\"{Label(c.Columns[0])}\",test=\"{Label(c.Kind)}\"", (double)c.ObservedValue!)));
        Metric("mlops_gates_column_drifted", "1 when the column drifted, else 0.",
            columns.Select(c => ($"gate=\"{name}\",column=\"{Label(c.Columns[0])}\"", c.Success ? 0.0 : 1.0)));
        Metric("mlops_gates_dataset_drift_share", "Share of the tested columns that drifted.", [($"gate=\"{name}\"", gate.Drift?.DriftShare ?? 0)]);
        Metric("mlops_gates_dataset_drift", "1 when the dataset drifted, else 0.", [($"gate=\"{name}\"", gate.Drift?.DatasetDrift == true ? 1 : 0)]);
        Metric("mlops_gates_gate_status", "0 passed, 1 passed with warnings, 2 failed.", [($"gate=\"{name}\"", gate.Status switch { GateStatus.Failed => 2, GateStatus.Warning => 1, _ => 0 })]);
        Metric("mlops_gates_rows_seen", "Rows of current data the run read.", [($"gate=\"{name}\"", gate.Drift?.CurrentRows ?? 0)]);
        Metric("mlops_gates_consecutive_drift_runs", "Runs in a row that found dataset drift.", [($"gate=\"{name}\"", consecutiveDriftRuns)]);
        Metric("mlops_gates_last_run_timestamp_seconds", "When the run finished, in Unix seconds.", [($"gate=\"{name}\"", at.ToUnixTimeMilliseconds() / 1000.0)]);
        return text.ToString();
    }

    /// <summary>Prometheus' label-value escaping: backslash, double quote and line feed.</summary>
    public static string Label(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
