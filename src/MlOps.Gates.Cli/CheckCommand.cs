using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates check DATA --suite FILE</c>: one suite over one dataset, no gates file needed.</summary>
internal static class CheckCommand
{
    public static Command Create(GatesApp app)
    {
        var data = new DataOptions();
        var suite = new Option<string>("--suite", "-s") { Description = "The suite: a YAML file with 'checks', or a Great Expectations JSON suite.", Required = true };
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var ci = new CiOptions();
        var command = new Command("check", "Run one suite of checks over one dataset.") { suite, reportDir, failOn, logFormat, noProgress };
        data.AddTo(command);
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () =>
                {
                    var dataset = data.Read(parse);
                    if (!File.Exists(dataset.Path) && !Directory.Exists(dataset.Path))
                    {
                        throw new GatesInputException(ErrorCodes.DataFileNotFound, $"data file not found: {dataset.DisplayPath}");
                    }

                    var suitePath = parse.GetValue(suite)!;
                    var config = GatesConfigLoader.LoadSuite(suitePath, dataset, Environment.CurrentDirectory);
                    var reportDirectory = Path.GetFullPath(parse.GetValue(reportDir) ?? config.Reports.Directory);
                    return RunOutcome.RunAndFinish(app, config, reportDirectory, parse.GetValue(failOn) ?? Severity.Error, format, parse.GetValue(noProgress), ci: ci.Read(parse, app, format));
                },
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }
}
