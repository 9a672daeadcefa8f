using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>
/// Runs one mlops-gates command out of process (ML.NET and native libraries never load into MSBuild) and gives the
/// build its findings as errors and warnings with code, file, line, column and help link, and its outcome as outputs.
/// </summary>
public abstract class MlOpsGatesTask : ToolTask
{
    // Our own codes in MSBuild's canonical form: the results file carries these lines' content with more detail.
    private static readonly Regex FindingLine = new(@"^(.*?:\s*)?(error|warning) MLG\d{4}:", RegexOptions.CultureInvariant);

    private readonly List<string> _findingLines = [];
    private readonly TaskCompletionSource<bool> _exited = new();
    private string _token = string.Empty;

    /// <summary>The CLI: mlops-gates.dll, run with <see cref="DotnetHost"/> (default: the one in this package).</summary>
    public string? CliPath { get; set; }

    /// <summary>The dotnet host that runs the CLI (default: DOTNET_HOST_PATH, else dotnet on PATH).</summary>
    public string? DotnetHost { get; set; }

    public string? ReportDirectory { get; set; }

    /// <summary>error (default) or warning.</summary>
    public string? FailOn { get; set; }

    /// <summary>The gates file: what a run reads, and where registry commands find the registry.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>quiet, minimal, normal, detailed or diagnostic (default: the build's own): detailed and above show the CLI's progress.</summary>
    public string? Verbosity { get; set; }

    /// <summary>NuGet packages folders where the CLI looks for ONNX Runtime's native library (the targets pass NuGetPackageRoot).</summary>
    public string? PackageRoots { get; set; }

    /// <summary>The folder the CLI runs in (default: the project's).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>passed, passed-with-warnings or failed.</summary>
    [Output]
    public string Status { get; set; } = string.Empty;

    /// <summary>The reports written, each with Format metadata: md, html, json or junit.</summary>
    [Output]
    public ITaskItem[] Reports { get; set; } = [];

    /// <summary>Each check that failed, as "gate: check", with Gate, Check and Code metadata.</summary>
    [Output]
    public ITaskItem[] FailedChecks { get; set; } = [];

    /// <summary>The model version registered or promoted, when the command touched the registry.</summary>
    [Output]
    public string? Version { get; set; }

    /// <summary>The alias set, when the command promoted.</summary>
    [Output]
    public string? Alias { get; set; }

    protected override string ToolName => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => Quiet ? MessageImportance.Low : MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    private bool Quiet => Verbosity is { Length: > 0 } v ? v.Equals("quiet", StringComparison.OrdinalIgnoreCase) : !BuildLogs(MessageImportance.High);

    /// <summary>Detailed and diagnostic show the CLI's progress: named by Verbosity, else as the build's loggers do.</summary>
    private bool Detailed => Verbosity is { Length: > 0 } v
        ? v.Equals("detailed", StringComparison.OrdinalIgnoreCase) || v.Equals("diagnostic", StringComparison.OrdinalIgnoreCase)
        : BuildLogs(MessageImportance.Low);

    /// <summary>Whether any logger of this build shows messages of this importance (MSBuild 17.2 and later say; else normal).</summary>
    private bool BuildLogs(MessageImportance importance)
    {
        try
        {
            return BuildEngine is IBuildEngine10 engine ? engine.EngineServices.LogsMessagesOfImportance(importance) : importance != MessageImportance.Low;
        }
        catch (TypeLoadException)
        {
            return importance != MessageImportance.Low;
        }
    }

    /// <summary>The command and its own arguments, after the CLI's path.</summary>
    protected abstract void AddCommand(CommandLineBuilder builder);

    /// <summary>Whether the command judges data (and so takes --report-dir, --fail-on and the log options).</summary>
    protected virtual bool Judges => true;

    protected override string GenerateFullPathToTool()
    {
        var host = DotnetHost is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return host is { Length: > 0 } ? host : ToolName;
    }

    protected override string? GetWorkingDirectory() =>
        WorkingDirectory is { Length: > 0 } ? WorkingDirectory
        : BuildEngine?.ProjectFileOfTaskNode is { Length: > 0 } project && Path.IsPathRooted(project) ? Path.GetDirectoryName(project)
        : base.GetWorkingDirectory();

    /// <summary>
    /// The CLI the package ships beside this assembly (tasks/netstandard2.0/ and cli/ share its root): the net10.0 build
    /// where MSBuild itself runs on .NET 10 or later, else the net8.0 build, which rolls forward.
    /// </summary>
    private string Cli => CliPath is { Length: > 0 }
        ? CliPath
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(MlOpsGatesTask).Assembly.Location)!, "..", "..", "cli", Environment.Version.Major >= 10 ? "net10.0" : "net8.0", "mlops-gates.dll"));

    protected override bool ValidateParameters()
    {
        if (FailOn is { Length: > 0 } && !FailOn.Equals("error", StringComparison.OrdinalIgnoreCase) && !FailOn.Equals("warning", StringComparison.OrdinalIgnoreCase))
        {
            Refuse("MLG0004", $"FailOn must be 'error' or 'warning', not '{FailOn}'.");
            return false;
        }

        if (!File.Exists(Cli))
        {
            Refuse("MLG0006", $"the CLI '{Cli}' does not exist.");
            return false;
        }

        return base.ValidateParameters();
    }

    protected override string GenerateCommandLineCommands()
    {
        _token = Guid.NewGuid().ToString("N");
        var builder = new CommandLineBuilder();
        AppendArgument(builder, Cli);
        AddCommand(builder);
        if (Judges)
        {
            builder.AppendSwitchIfNotNull("--report-dir ", ReportDirectory);
            builder.AppendSwitchIfNotNull("--fail-on ", FailOn is { Length: > 0 } ? FailOn.ToLowerInvariant() : null);
            builder.AppendSwitch("--log-format msbuild");
            if (!Detailed)
            {
                builder.AppendSwitch("--no-progress");
            }
        }

        builder.AppendSwitchIfNotNull("--results-file ", ResultsPath);
        return builder.ToString();
    }

    /// <summary>A file of this run's own, whose name is unique enough to find the CLI's process by.</summary>
    private string ResultsPath => Path.Combine(Path.GetTempPath(), $"mlops-gates-{_token}.results");

    /// <summary>
    /// As it is: ToolTask would turn every backslash into a slash on Unix, where a backslash is a file name's own
    /// character, and one that escapes a quote would then stop escaping it.
    /// </summary>
    protected override string AdjustCommandsForOperatingSystem(string input) => input;

    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var start = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        if (PackageRoots is { Length: > 0 })
        {
            start.EnvironmentVariables["MLOPS_GATES_PACKAGE_ROOTS"] = PackageRoots;
        }

        return start;
    }

    protected override void LogToolCommand(string message) => Log.LogMessage(MessageImportance.Low, message);

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        int exit;
        try
        {
            exit = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        }
        finally
        {
            _exited.TrySetResult(true);
        }

        var results = RunResults.Read(ResultsPath);
        try
        {
            File.Delete(ResultsPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        if (results is null)
        {
            // Killed before the end, or an old CLI: its canonical lines are all there is.
            foreach (var line in _findingLines)
            {
                Log.LogMessageFromText(line, MessageImportance.High);
            }
        }
        else
        {
            Report(results);
        }

        Status = results?.Status is { Length: > 0 } status ? status : exit == 0 ? "passed" : "failed";
        Log.LogMessage(MessageImportance.Low, $"MlOps.Gates: Status={Status}; Reports={string.Join(";", Reports.Select(r => r.ItemSpec))}; FailedChecks={FailedChecks.Length}; Version={Version}; Alias={Alias}");
        return exit;
    }

    private void Report(RunResults results)
    {
        foreach (var line in results.CanonicalLines)
        {
            Log.LogMessageFromText(line, MessageImportance.High);
        }

        foreach (var finding in results.Findings)
        {
            var file = finding.File.Length > 0 ? finding.File : null;
            if (finding.IsError)
            {
                Log.LogError(null, finding.Code, null, finding.HelpLink, file, finding.Line, finding.Column, finding.EndLine, finding.EndColumn, finding.Message);
            }
            else
            {
                Log.LogWarning(null, finding.Code, null, finding.HelpLink, file, finding.Line, finding.Column, finding.EndLine, finding.EndColumn, finding.Message);
            }
        }

        Reports = results.Reports.Select(r =>
        {
            var item = new TaskItem(r.Value);
            item.SetMetadata("Format", r.Key);
            return (ITaskItem)item;
        }).ToArray();
        FailedChecks = results.FailedChecks.Select(c =>
        {
            var item = new TaskItem($"{c[0]}: {c[1]}");
            item.SetMetadata("Gate", c[0]);
            item.SetMetadata("Check", c[1]);
            item.SetMetadata("Code", c[2]);
            return (ITaskItem)item;
        }).ToArray();
        Version = results.Version;
        Alias = results.Alias;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (FindingLine.IsMatch(singleLine))
        {
            _findingLines.Add(singleLine);
            return;
        }

        Log.LogMessage(messageImportance, singleLine);
    }

    protected override bool HandleTaskExecutionErrors()
    {
        // 130: the CLI stopped cleanly; 143: SIGTERM came before it could listen (it had written nothing yet).
        if (ExitCode is 130 or 143)
        {
            Refuse("MLG0010", "the gates were cancelled; the previous reports were kept.");
        }
        else if (!Log.HasLoggedErrors)
        {
            Refuse("MLG0006", $"mlops-gates exited with code {ExitCode} and reported no error (is the .NET 8 or later runtime installed?).");
        }

        return false;
    }

    /// <summary>
    /// Asks the CLI to stop as Ctrl+C would (SIGTERM: it ends at the next batch, reports and registry intact), and only
    /// then lets ToolTask end the process tree. Windows has no signal to send a process without a console.
    /// </summary>
    public override void Cancel()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && _token.Length > 0 && !_exited.Task.IsCompleted)
        {
            try
            {
                using var signal = Process.Start(new ProcessStartInfo("pkill", $"-TERM -f mlops-gates-{_token}") { UseShellExecute = false, CreateNoWindow = true });
                signal?.WaitForExit(5000);
                _exited.Task.Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Log.LogMessage(MessageImportance.Low, $"MlOps.Gates: could not signal the CLI ({e.Message}); stopping it");
            }
        }

        base.Cancel();
    }

    /// <summary>
    /// A positional argument, quoted and escaped by CommandLineBuilder as a switch's value is (AppendFileNameIfNotNull
    /// refuses a quote, which a Unix file name may hold).
    /// </summary>
    protected static void AppendArgument(CommandLineBuilder builder, string? value) => builder.AppendSwitchIfNotNull(string.Empty, value);

    /// <summary>An error of the task itself, before or around the CLI: a code of ours, no file.</summary>
    protected void Refuse(string code, string message) => Log.LogError(null, code, null, null, null, 0, 0, 0, 0, "MlOps.Gates: " + message);

    /// <summary>The value when a parameter is set, null when it is missing or empty, as MSBuild passes an unset property.</summary>
    protected static string? Given(string? value) => value is { Length: > 0 } ? value : null;

    /// <summary>Adds a switch once per value: --metric a=1 --metric b=2.</summary>
    protected static void AppendEach(CommandLineBuilder builder, string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            builder.AppendSwitchIfNotNull(name + " ", value);
        }
    }
}
