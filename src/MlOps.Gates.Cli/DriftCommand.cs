using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Kinds;
using MlOps.Gates.Data;
using MlOps.Gates.Drift;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates drift</c>: reference against current data, no gates file needed.</summary>
internal static class DriftCommand
{
    public static Command Create(GatesApp app)
    {
        var reference = new Option<string>("--reference") { Description = "The reference dataset (what the model was trained on): CSV, TSV or Parquet.", Required = true };
        var current = new Option<string>("--current") { Description = "The current dataset (what the model sees now).", Required = true };
        var columns = new Option<string[]>("--columns") { Description = "Columns to test (default: every column of the reference).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Columns not to test, such as ids.", AllowMultipleArgumentsPerToken = true };
        var model = new Option<string?>("--model") { Description = "An ML.NET model (.zip) that scores both datasets, so its predictions are tested too." };
        var stattest = new Option<string?>("--stattest") { Description = $"The test for every column: auto (default) or {string.Join(", ", DriftTest.All.Select(t => t.Name))}." };
        var threshold = new Option<double?>("--threshold") { Description = "The threshold for every column (default: each test's own)." }.Within(0, double.MaxValue);
        var perColumn = new Option<string[]>("--column-test") { Description = "A test for one column, as COLUMN=TEST or COLUMN=TEST:THRESHOLD (TEST may be auto); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var share = new Option<double>("--drift-share") { Description = "The dataset drifts when at least this share of columns drift (default 0.5).", DefaultValueFactory = _ => 0.5 }.Within(0, 1);
        var correction = new Option<string>("--correction") { Description = "Multiple-testing correction of p-values: none (default), bonferroni or benjamini-hochberg.", DefaultValueFactory = _ => "none" };
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var command = new Command("drift", "Test every column of the current data for drift from the reference.")
        {
            reference, current, model, columns, exclude, stattest, threshold, perColumn, share, correction, reportDir, failOn, logFormat, noProgress,
        };
        command.Subcommands.Add(SnapshotCommand(app));
        var ci = new CiOptions();
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () =>
                {
                    var gate = new CommandLineGate("drift")
                        .Set("reference", Path.GetFullPath(parse.GetValue(reference)!), "--reference")
                        .Set("current", Path.GetFullPath(parse.GetValue(current)!), "--current")
                        .Set("model", parse.GetValue(model) is { } m ? Path.GetFullPath(m) : null, "--model")
                        .Set("columns", parse.GetValue(columns) is { Length: > 0 } c ? SplitCommas(c) : null, "--columns")
                        .Set("exclude", parse.GetValue(exclude) is { Length: > 0 } e ? SplitCommas(e) : null, "--exclude")
                        .Set("stattest", parse.GetValue(stattest), "--stattest")
                        .Set("threshold", parse.GetValue(threshold), "--threshold")
                        .Set("per_column", PerColumn(parse.GetValue(perColumn) ?? []) is { Count: > 0 } p ? p : null, "--column-test")
                        .Set("drift_share", parse.GetValue(share), "--drift-share")
                        .Set("correction", parse.GetValue(correction), "--correction");
                    var config = gate.Read(GateKinds.Find("drift"), Environment.CurrentDirectory, app.Surroundings);
                    var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? config.Reports.Directory);
                    return RunOutcome.RunAndFinish(app, config, reportDirectory, parse.GetValue(failOn) ?? Severity.Error, format, parse.GetValue(noProgress), ci: ci.Read(parse, app, format));
                },
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }

    /// <summary><c>mlops-gates drift snapshot REF -o FILE</c>: stores what the tests need of a reference dataset.</summary>
    private static Command SnapshotCommand(GatesApp app)
    {
        var data = new Argument<string>("REFERENCE") { Description = "The reference dataset: CSV, TSV or Parquet." };
        var output = new Option<string>("--output", "-o") { Description = $"The snapshot file to write (ending in {DriftSnapshot.Extension}).", Required = true }.WritesFile();
        var columns = new Option<string[]>("--columns") { Description = "Columns to keep (default: all).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Columns to leave out.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("snapshot", "Store the reference's sorted values and category counts, so later drift runs skip reading and sorting it.") { data, output, columns, exclude };
        command.SetAction(parse => app.Guard(() =>
        {
            var path = parse.GetValue(output)!;
            if (!DriftSnapshot.IsSnapshot(path))
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"--output must end in {DriftSnapshot.Extension}");
            }

            var reference = DataOptions.FromPath(parse.GetValue(data)!, "reference");
            var keep = parse.GetValue(columns) is { Length: > 0 } c ? SplitCommas(c) : null;
            var drop = (parse.GetValue(exclude) is { Length: > 0 } e ? SplitCommas(e) : []).ToHashSet(StringComparer.Ordinal);
            var samples = DriftSampleReader.Read(reference, keep, drop, out var header, out var rows, app.Cancellation);
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            DriftSnapshot.Write(full, reference.DisplayPath, header, rows, samples);
            app.Output.WriteLine($"mlops-gates: wrote a snapshot of {samples.Count} column(s), {rows} rows of {reference.DisplayPath} to {path}");
            return ExitCodes.Passed;
        }));
        return command;
    }

    /// <summary>Reads <c>COLUMN=TEST[:THRESHOLD]</c> settings into the gates file's <c>per_column</c>.</summary>
    private static Dictionary<string, object?> PerColumn(string[] values)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"--column-test '{value}' must be COLUMN=TEST or COLUMN=TEST:THRESHOLD");
            }

            var rest = value[(equals + 1)..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            double? limit = null;
            if (colon >= 0)
            {
                limit = OptionBounds.Finite(rest[(colon + 1)..], $"--column-test '{value}'");
                if (limit < 0)
                {
                    throw new GatesInputException(ErrorCodes.BadUsage, $"--column-test '{value}': the threshold cannot be negative");
                }
            }

            settings[value[..equals]] = new Dictionary<string, object?> { ["stattest"] = colon < 0 ? rest : rest[..colon], ["threshold"] = limit };
        }

        return settings;
    }

    private static List<string> SplitCommas(string[] values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
