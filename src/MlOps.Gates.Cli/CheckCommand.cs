using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates check DATA... --suite FILE</c>: one suite over each dataset named, no gates file needed.</summary>
internal static class CheckCommand
{
    public static Command Create(GatesApp app)
    {
        var data = new DataOptions();
        var files = new Argument<string[]>("DATA") { Description = "The datasets: CSV, TSV or Parquet files; each is checked with the suite as a gate of its own.", Arity = ArgumentArity.OneOrMore };
        var suite = new Option<string>("--suite", "-s") { Description = "The suite: a YAML file with 'checks', or a Great Expectations JSON suite (0.x or 1.x).", Required = true };
        var unsupported = new Option<string>("--unsupported") { Description = "error (default): an expectation type this version does not implement stops the run; warn: it is skipped with a warning.", DefaultValueFactory = _ => "error" };
        unsupported.AcceptOnlyFromAmong("error", "warn");
        var parameters = new Option<string[]>("--parameter") { Description = "A value for a suite's evaluation parameter ({\"$PARAMETER\": \"NAME\"}), as NAME=VALUE; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var ci = new CiOptions();
        var command = new Command("check", "Run one suite of checks over one or more datasets.") { files, suite, unsupported, parameters, reportDir, failOn, logFormat, noProgress };
        data.AddTo(command, withArgument: false);
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () =>
                {
                    var paths = parse.GetValue(files)!;
                    var suitePath = parse.GetValue(suite)!;
                    var options = new Quality.SuiteOptions { WarnUnsupported = parse.GetValue(unsupported) == "warn", Parameters = Parameters(parse.GetValue(parameters) ?? []) };
                    GatesConfig? config = null;
                    foreach (var path in paths)
                    {
                        var dataset = data.Read(parse, path);
                        if (!File.Exists(dataset.Path) && !Directory.Exists(dataset.Path))
                        {
                            throw new GatesInputException(ErrorCodes.DataFileNotFound, $"data file not found: {dataset.DisplayPath}");
                        }

                        var one = GatesConfigLoader.LoadSuite(suitePath, dataset, Environment.CurrentDirectory, options: options);
                        config = config is null ? one : Merged(config, one, paths.Length);
                    }

                    var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? config!.Reports.Directory);
                    return RunOutcome.RunAndFinish(app, config!, reportDirectory, parse.GetValue(failOn) ?? Severity.Error, format, parse.GetValue(noProgress), ci: ci.Read(parse, app, format));
                },
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }

    private static Dictionary<string, string> Parameters(string[] values)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"--parameter '{value}' must be NAME=VALUE");
            }

            parameters[value[..equals]] = value[(equals + 1)..];
        }

        return parameters;
    }

    /// <summary>Several files checked by one suite: a gate each, named by the suite and the file.</summary>
    private static GatesConfig Merged(GatesConfig first, GatesConfig next, int files)
    {
        static GateDefinition Named(GateDefinition gate, DatasetOptions dataset) =>
            gate with { Name = $"{gate.Name}: {dataset.DisplayPath}" };

        var firstDataset = first.Datasets.Values.First();
        var gates = first.Gates.Count == 1 && files > 1 && !first.Gates[0].Name.Contains(": ", StringComparison.Ordinal)
            ? [Named(first.Gates[0], firstDataset)]
            : first.Gates.ToList();
        var dataset = next.Datasets.Values.First();
        if (first.Datasets.Values.Any(d => d.Path == dataset.Path))
        {
            throw new GatesInputException(ErrorCodes.BadUsage, $"{dataset.DisplayPath} is named twice");
        }

        gates.Add(Named(next.Gates[0], dataset));
        return new GatesConfig
        {
            BaseDirectory = first.BaseDirectory,
            Datasets = first.Datasets.Concat(next.Datasets.Where(d => !first.Datasets.ContainsKey(d.Key))).ToDictionary(d => d.Key, d => d.Value),
            Gates = gates,
        };
    }
}
