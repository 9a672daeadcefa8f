using System.CommandLine;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>The <c>mlops-gates</c> command line: commands, options and exit codes, with the console passed in so tests can run it in process.</summary>
public sealed class GatesApp(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Where environment variables come from: the process, or a test's own set.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Set by Ctrl+C or SIGTERM: the run stops at the next batch, before any report or registry write.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>What the engine is told of this machine: the environment's variables and the user.</summary>
    public Surroundings Surroundings => new(Variables, Environment.UserName);

    /// <summary>Findings and the outcome of this run, for <c>--results-file</c>.</summary>
    public ResultsFile Results { get; } = new();

    public int Run(string[] args)
    {
        var resultsFile = new Option<string?>("--results-file")
        {
            Description = "Also write the findings, status, reports and registry changes to this file, one tab-separated record a line (what the MSBuild tasks read).",
            Recursive = true,
        }.WritesFile();
        var root = new RootCommand("MlOps.Gates: ML quality gates (data quality, drift, model accuracy) for .NET builds and CI.") { resultsFile };
        root.Subcommands.Add(RunCommand.Create(this));
        root.Subcommands.Add(CheckCommand.Create(this));
        root.Subcommands.Add(ProfileCommand.Create(this));
        root.Subcommands.Add(DriftCommand.Create(this));
        root.Subcommands.Add(EvaluateCommand.Create(this));
        root.Subcommands.Add(ScoreCommand.Create(this));
        root.Subcommands.Add(RegistryCommand.Create(this));
        root.Subcommands.Add(MonitorCommand.Create(this));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                Error.WriteLine($"error {ErrorCodes.BadUsage}: {parseError.Message}");
            }

            Error.WriteLine("Run 'mlops-gates --help' for usage.");
            return ExitCodes.BadInput;
        }

        var exit = parse.Invoke(new InvocationConfiguration { Output = Output, Error = Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        if (parse.GetValue(resultsFile) is { } path)
        {
            exit = Guard(() =>
            {
                Results.Write(path, exit);
                return exit;
            });
        }

        return exit;
    }

    /// <summary>Input errors in CI mode as the run's findings would be: annotations, the summary and the outputs.</summary>
    private void ReportInputErrors(IReadOnlyList<Finding> errors, string baseDirectory, Func<CiSettings>? ci)
    {
        CiSettings settings;
        try
        {
            settings = ci?.Invoke() ?? CiSettings.None;
        }
        catch (GatesInputException)
        {
            return;
        }

        switch (settings.Mode)
        {
            case CiMode.GitHub:
                new GitHub.GitHubReporter(GitHub.GitHubContext.FromEnvironment(Variables), settings.GitHub, Output).PublishInputErrors(errors, baseDirectory);
                break;
            case CiMode.Azure:
                var sources = Variables("BUILD_SOURCESDIRECTORY") is { Length: > 0 } s ? s : null;
                foreach (var finding in settings.Annotate ? errors : [])
                {
                    Output.WriteLine(GitHub.AzureCommands.Issue(finding, baseDirectory, sources));
                }

                break;
        }
    }

    /// <summary>Runs a command body, turning bad input into coded errors and exit code 2, never a stack trace.</summary>
    public int Guard(Func<int> body, LogFormat format = LogFormat.Text, string? baseDirectory = null, Func<CiSettings>? ci = null)
    {
        try
        {
            return body();
        }
        catch (GatesInputException e)
        {
            var writer = new FindingWriter(Error, format, baseDirectory ?? Environment.CurrentDirectory, Results);
            foreach (var finding in e.Errors)
            {
                writer.Write(finding);
            }

            ReportInputErrors(e.Errors, baseDirectory ?? Environment.CurrentDirectory, ci);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Error.WriteLine("mlops-gates: cancelled; nothing was written");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The surroundings refused (a folder where a file should be, no permission, a full disk): the user's to fix,
            // so a coded error naming the file, not an internal one.
            var writer = new FindingWriter(Error, format, baseDirectory ?? Environment.CurrentDirectory, Results);
            writer.Write(new Finding(ErrorCodes.FileAccess, Severity.Error, $"cannot read or write a file: {IoErrors.Describe(e)}"));
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var writer = new FindingWriter(Error, format, baseDirectory ?? Environment.CurrentDirectory, Results);
            writer.Write(new Finding(ErrorCodes.Internal, Severity.Error, $"internal error: {e.GetType().Name}: {e.Message} (set MLOPS_GATES_DEBUG=1 for details; please report it)"));
            if (Environment.GetEnvironmentVariable("MLOPS_GATES_DEBUG") == "1")
            {
                Error.WriteLine(e);
            }

            return ExitCodes.InternalError;
        }
    }
}
