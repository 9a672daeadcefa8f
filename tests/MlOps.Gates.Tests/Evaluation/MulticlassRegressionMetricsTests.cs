using System.Globalization;
using System.Text.Json;
using MlOps.Gates.Evaluation;

namespace MlOps.Gates.Tests;

/// <summary>Multiclass and regression metrics against scikit-learn 1.2 (Fixtures/evaluation, from build/fixtures/multiclass_regression.py), within 1e-9.</summary>
public sealed class MulticlassRegressionMetricsTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation");
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "multiclass-regression.json"))).RootElement;

    private static double[][] Rows(string file) => File.ReadAllLines(Path.Combine(Dir, file)).Skip(1)
        .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void Multiclass_metrics_and_confusion_matrix_equal_scikit_learn()
    {
        var rows = Rows("multiclass-800.csv");
        var (metrics, confusion) = MulticlassMetrics.Compute(
            4,
            rows.Select(r => (int)r[0]).ToArray(),
            rows.Select(r => (int)r[1]).ToArray(),
            rows.SelectMany(r => r[2..]).ToArray());

        foreach (var metric in Expected.GetProperty("multiclass").EnumerateObject())
        {
            Assert.True(Math.Abs(metric.Value.GetDouble() - metrics[metric.Name]) <= 1e-9, $"{metric.Name}: expected {metric.Value.GetDouble():R}, got {metrics[metric.Name]:R}");
        }

        var expectedConfusion = Expected.GetProperty("confusion");
        for (var a = 0; a < 4; a++)
        {
            for (var p = 0; p < 4; p++)
            {
                Assert.Equal(expectedConfusion[a][p].GetInt64(), confusion[a, p]);
            }
        }
    }

    [Fact]
    public void Regression_metrics_equal_scikit_learn()
    {
        var rows = Rows("regression-500.csv");
        var metrics = RegressionMetrics.Compute(rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray());

        foreach (var metric in Expected.GetProperty("regression").EnumerateObject())
        {
            Assert.True(Math.Abs(metric.Value.GetDouble() - metrics[metric.Name]) <= 1e-9, $"{metric.Name}: expected {metric.Value.GetDouble():R}, got {metrics[metric.Name]:R}");
        }
    }
}
