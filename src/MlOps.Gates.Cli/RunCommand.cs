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
        }.WritesFile();
        var register = new Option<string?>("--register") { Description = "After the gates pass, register --artifact in the gates file's registry under this model name (default: registry.model)." };
        var artifact = new Option<string?>("--artifact") { Description = "The model file the run gates, to register when the gates pass." };
        var promoteTo = new Option<string?>("--promote-to") { Description = "Then promote the new version to this alias (staging, production, ...) if its promotion policy allows." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the registry's audit log." };
        var ci = new CiOptions();
        var command = new Command("run", "Run every gate in the gates file and write the reports.")
        {
            config, reportDir, failOn, logFormat, noProgress, stamp, register, artifact, promoteTo, reason,
        };
        ci.AddTo(command);
        command.SetAction(parse =>
        {
            var format = parse.GetValue(logFormat);
            return app.Guard(
                () => Execute(app, parse.GetValue(config)!, parse.GetValue(reportDir), parse.GetValue(failOn), format, parse.GetValue(noProgress), parse.GetValue(stamp), (parse.GetValue(register), parse.GetValue(artifact), parse.GetValue(promoteTo), parse.GetValue(reason)),
                    ci.Read(parse, app, format)),
                format,
                ci: () => ci.Read(parse, app, format));
        });
        return command;
    }

    private static int Execute(
        GatesApp app,
        string configPath,
        string? reportDirOption,
        Severity? failOnOption,
        LogFormat format,
        bool noProgress,
        string? stampPath,
        (string? Model, string? Artifact, string? PromoteTo, string? Reason) registration,
        CiSettings ci)
    {
        var config = GatesConfigLoader.Load(configPath, surroundings: app.Surroundings);
        var request = Request(config, registration);
        var failOn = failOnOption ?? config.FailOn ?? Severity.Error;
        var reportDirectory = Path.GetFullPath(reportDirOption ?? config.Reports.Directory);
        string? stamp = null;
        if (stampPath is not null)
        {
            stamp = InputStamp.Compute(config, [failOn.ToString(), reportDirectory, string.Join(",", config.Reports.Formats), request?.Model ?? string.Empty, request?.PromoteTo ?? string.Empty, .. request is null ? Array.Empty<string>() : [request.ArtifactPath]]);
            if (Stamps.IsCurrent(stampPath, stamp, reportDirectory, config.Reports.Formats))
            {
                // As compilers replay their warnings on a build that compiles nothing, the last run's warnings show again.
                var replayed = Stamps.ReplayWarnings(stampPath).ToList();
                foreach (var line in replayed)
                {
                    app.Output.WriteLine(line);
                    app.Results.Canonical(line);
                }

                app.Results.Status(replayed.Count > 0 ? "passed-with-warnings" : "passed");

                Stamps.MarkShown(stampPath);
                app.Output.WriteLine("mlops-gates: up to date: inputs unchanged since the last passing run; gates skipped");
                return ExitCodes.Passed;
            }

            Stamps.Clear(stampPath);
        }

        RunResult? finished = null;
        var exit = RunOutcome.RunAndFinish(app, config, reportDirectory, failOn, format, noProgress, request, ci, run => finished = run);
        if (stampPath is not null)
        {
            if (exit == ExitCodes.Passed && finished is not null)
            {
                Stamps.Write(stampPath, stamp!, InputStamp.InputFiles(config), finished.Findings.Where(f => f.Severity == Severity.Warning), finished.BaseDirectory);
            }

            Stamps.MarkShown(stampPath);
        }

        return exit;
    }

    private static Registry.RegistrationRequest? Request(GatesConfig config, (string? Model, string? Artifact, string? PromoteTo, string? Reason) registration)
    {
        if (registration.Artifact is null)
        {
            return registration.Model is null && registration.PromoteTo is null
                ? null
                : throw new GatesInputException(ErrorCodes.BadUsage, "--register and --promote-to need --artifact, the model file to register");
        }

        if (config.Registry is null)
        {
            throw new GatesInputException(ErrorCodes.BadUsage, $"--artifact registers a model, but {config.Path} has no 'registry' section", config.Path is null ? null : new SourceLocation(config.Path));
        }

        var artifact = Path.GetFullPath(registration.Artifact);
        if (!File.Exists(artifact))
        {
            throw new GatesInputException(ErrorCodes.FileNotFound, $"--artifact: file not found: {registration.Artifact}");
        }

        var model = registration.Model ?? config.Registry.Model ?? throw new GatesInputException(ErrorCodes.BadUsage, "name the model with --register NAME or registry.model in the gates file");
        return new Registry.RegistrationRequest
        {
            Model = Registry.RegistryNames.Model(model),
            ArtifactPath = artifact,
            PromoteTo = registration.PromoteTo is null ? null : Registry.RegistryNames.Alias(registration.PromoteTo),
            Reason = registration.Reason,
        };
    }
}
