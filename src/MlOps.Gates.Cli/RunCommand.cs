using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates run</c>: every gate of the gates file.</summary>
internal static class RunCommand
{
    public static Command Create(GatesApp app)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = $"The gates file (default: {GatesConfig.DefaultFileName} in the current folder).",
            DefaultValueFactory = _ => GatesConfig.DefaultFileName,
        };
        var reportDir = CommonOptions.ReportDir();
        var failOn = CommonOptions.FailOn();
        var logFormat = CommonOptions.LogFormat();
        var noProgress = CommonOptions.NoProgress();
        var stamp = new Option<string?>("--stamp")
        {
            Description = "A file that records a hash of the inputs of the last passing run; when nothing changed the run is skipped.",
        };
        var command = new Command("run", "Run every gate in the gates file and write the reports.")
        {
            config, reportDir, failOn, logFormat, noProgress, stamp,
        };
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () => Execute(app, parse.GetValue(config)!, parse.GetValue(reportDir), parse.GetValue(failOn), format, parse.GetValue(noProgress), parse.GetValue(stamp)),
                format);
        });
        return command;
    }

    private static int Execute(GatesApp app, string configPath, string? reportDirOption, Severity? failOnOption, LogFormat format, bool noProgress, string? stampPath)
    {
        var config = GatesConfigLoader.Load(configPath);
        var failOn = failOnOption ?? config.FailOn ?? Severity.Error;
        var reportDirectory = Path.GetFullPath(reportDirOption ?? config.Reports.Directory);
        string? stamp = null;
        if (stampPath is not null)
        {
            stamp = InputStamp.Compute(config, [failOn.ToString(), reportDirectory, string.Join(",", config.Reports.Formats)]);
            if (Stamps.IsCurrent(stampPath, stamp, reportDirectory, config.Reports.Formats))
            {
                app.Output.WriteLine("mlops-gates: up to date: inputs unchanged since the last passing run; gates skipped");
                return ExitCodes.Passed;
            }

            Stamps.Clear(stampPath);
        }

        var exit = RunOutcome.RunAndFinish(app, config, reportDirectory, failOn, format, noProgress);
        if (stampPath is not null && exit == ExitCodes.Passed)
        {
            Stamps.Write(stampPath, stamp!, InputStamp.InputFiles(config));
        }

        return exit;
    }
}
