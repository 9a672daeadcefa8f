using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Runs a gates file over real files written for the test.</summary>
internal static class Gates
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Writes data.csv and a gates file with the given checks (YAML list items), and runs it.</summary>
    public static RunResult Run(TempDir dir, string csv, string checks, string datasetOptions = "")
    {
        dir.Write("data.csv", csv);
        var config = dir.Write("mlops-gates.yml", $"""
            datasets:
              d:
                path: data.csv
            {Indent(datasetOptions, 4)}
            gates:
              - name: g
                dataset: d
                checks:
            {Indent(checks, 6)}
            """);
        return new GateRunner(new FixedTime(Now)).Run(GatesConfigLoader.Load(config));
    }

    public static CheckResult Single(TempDir dir, string csv, string check, string datasetOptions = "") =>
        Run(dir, csv, check, datasetOptions).Gates[0].Checks.Single();

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
