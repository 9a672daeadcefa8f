using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Monitoring;

/// <summary>
/// A monitoring run in Prometheus' text exposition format, for node-exporter's textfile collector or a Pushgateway. For
/// every gate: its status, rows judged, runs in a row that failed, and when it ran. Drift gates: per column the drift
/// statistic and verdict, the drifted share and dataset drift. Evaluate gates: every metric and its baseline, per slice
/// too, the predicted-class shares and the mean confidence. Data-quality gates: per check its unexpected count and share
/// and whether it passed. Each metric is written once, its samples for every gate together.
/// </summary>
public static class PrometheusText
{
    public static string Write(MonitorOutcome outcome, DateTimeOffset at)
    {
        var metrics = new Metrics();
        foreach (var gate in outcome.Run.Gates)
        {
            var g = $"gate=\"{Label(gate.Name)}\"";
            var failures = outcome.ConsecutiveFailures(gate.Name);
            metrics.Add("mlops_gates_gate_status", "0 passed, 1 passed with warnings, 2 failed.", g, gate.Status switch { GateStatus.Failed => 2, GateStatus.Warning => 1, _ => 0 });
            metrics.Add("mlops_gates_rows_seen", "Rows the gate judged: the dataset's, the current side's for drift, the labelled rows for evaluate.", g, gate.RowsRead ?? 0);
            metrics.Add("mlops_gates_consecutive_failed_runs", "Runs in a row the gate failed.", g, failures);
            metrics.Add("mlops_gates_last_run_timestamp_seconds", "When the run finished, in Unix seconds.", g, at.ToUnixTimeMilliseconds() / 1000.0);
            if (gate.Drift is { } drift)
            {
                Drift(metrics, gate, g, drift, failures);
            }

            if (gate.Evaluation is { } evaluation)
            {
                Evaluate(metrics, g, evaluation);
            }

            if (gate.Shadow is { } shadow)
            {
                metrics.Add("mlops_gates_shadow_agreement", "Shadow comparison: the share of rows on which the candidate predicts what the baseline does.", g, shadow.Agreement);
                foreach (var output in shadow.Drift)
                {
                    metrics.Add("mlops_gates_shadow_output_drifted", "Shadow comparison: 1 when the candidate's output is distributed unlike the baseline's, else 0.", $"{g},output=\"{Label(output.Output)}\",test=\"{Label(output.Test)}\"", output.Drifted ? 1 : 0);
                }

                foreach (var share in shadow.Classes)
                {
                    metrics.Add("mlops_gates_shadow_class_share", "Shadow comparison: each class's share of a model's predictions.", $"{g},class=\"{Label(share.Class)}\",model=\"candidate\"", share.Candidate);
                    metrics.Add("mlops_gates_shadow_class_share", "Shadow comparison: each class's share of a model's predictions.", $"{g},class=\"{Label(share.Class)}\",model=\"baseline\"", share.Baseline);
                }
            }

            if (gate.Dataset is not null)
            {
                foreach (var check in gate.Checks)
                {
                    var c = $"{g},check=\"{Label(check.Id)}\"";
                    metrics.Add("mlops_gates_check_passed", "1 when the data-quality check passed, else 0.", c, check.Success ? 1 : 0);
                    if (check.UnexpectedCount is { } unexpected)
                    {
                        metrics.Add("mlops_gates_check_unexpected_count", "Values a data-quality check found unexpected.", c, unexpected);
                        metrics.Add("mlops_gates_check_unexpected_percent", "Unexpected values as a percentage of those counted (missing values left out, as Great Expectations counts).", c, check.UnexpectedPercent ?? 0);
                    }
                }
            }
        }

        return metrics.ToString();
    }

    /// <summary>Prometheus' label-value escaping: backslash, double quote and line feed.</summary>
    public static string Label(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Drift(Metrics metrics, GateResult gate, string g, DriftSummary drift, int failures)
    {
        var columns = gate.Checks.Where(c => c.Columns.Count == 1 && c.Kind != "column_present").ToList();
        foreach (var column in columns)
        {
            var c = $"{g},column=\"{Label(column.Columns[0])}\"";
            if (column.ObservedValue is double score)
            {
                metrics.Add("mlops_gates_drift_score", "Drift statistic of a column: the p-value for tests, the distance for distances.", $"{c},test=\"{Label(column.Kind)}\"", score);
            }

            metrics.Add("mlops_gates_column_drifted", "1 when the column drifted, else 0.", c, column.Success ? 0 : 1);
        }

        metrics.Add("mlops_gates_dataset_drift_share", "Share of the tested columns that drifted.", g, drift.DriftShare);
        metrics.Add("mlops_gates_dataset_drift", "1 when the dataset drifted, else 0.", g, drift.DatasetDrift ? 1 : 0);
        metrics.Add("mlops_gates_consecutive_drift_runs", "Runs in a row that found dataset drift.", g, failures);
    }

    private static void Evaluate(Metrics metrics, string g, ModelEvaluation evaluation)
    {
        foreach (var row in evaluation.Metrics)
        {
            var m = $"{g},metric=\"{Label(row.Name)}\"";
            metrics.Add("mlops_gates_metric_value", "An evaluated metric of the candidate model.", m, row.Value);
            if (row.Baseline is { } baseline)
            {
                metrics.Add("mlops_gates_baseline_metric_value", "The same metric of the baseline model on the same rows.", m, baseline);
            }
        }

        foreach (var slice in evaluation.Slices)
        {
            foreach (var (name, value) in slice.Metrics)
            {
                metrics.Add("mlops_gates_slice_metric_value", "An evaluated metric of the candidate on one slice.", $"{g},slice=\"{Label(slice.Name)}\",metric=\"{Label(name)}\"", value);
            }

            metrics.Add("mlops_gates_slice_rows", "Rows of one slice.", $"{g},slice=\"{Label(slice.Name)}\"", slice.Rows);
        }

        if (evaluation.Predictions is { } predictions)
        {
            foreach (var (label, share) in predictions.PredictedShares)
            {
                metrics.Add("mlops_gates_predicted_class_share", "Share of rows the model predicted as the class.", $"{g},class=\"{Label(label)}\"", share);
            }

            if (predictions.MeanConfidence is { } confidence)
            {
                metrics.Add("mlops_gates_prediction_confidence", "Mean probability of the class the model chose.", g, confidence);
            }
        }
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Samples grouped by metric, in first-seen order, so HELP and TYPE come once before each metric's samples.</summary>
    private sealed class Metrics
    {
        private readonly List<(string Name, string Help, StringBuilder Samples)> _metrics = [];

        public void Add(string name, string help, string labels, double value)
        {
            var index = _metrics.FindIndex(m => m.Name == name);
            if (index < 0)
            {
                _metrics.Add((name, help, new StringBuilder()));
                index = _metrics.Count - 1;
            }

            _metrics[index].Samples.Append(name).Append('{').Append(labels).Append("} ").Append(Number(value)).Append('\n');
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (name, help, samples) in _metrics)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(" gauge\n");
                text.Append(samples);
            }

            return text.ToString();
        }
    }
}
