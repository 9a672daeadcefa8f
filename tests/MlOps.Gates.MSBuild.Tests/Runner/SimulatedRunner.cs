using System.Text;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.MSBuild.Tests.Runner;

/// <summary>
/// Runs a workflow's job the way a GitHub-hosted runner does, as far as the action and the samples need: each run step
/// in <c>bash --noprofile --norc -eo pipefail</c> with its env, working directory and the runner's files (GITHUB_OUTPUT,
/// GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY); <c>if:</c> conditions; local and named composite actions with their
/// inputs and outputs; and stand-ins for checkout (a clone of the origin at the ref), setup-dotnet (the machine's SDK)
/// cache (a folder store, saved after a successful job) and upload-artifact (a folder per name). Any other action throws.
/// </summary>
public sealed class SimulatedRunner(string root, string origin, string cacheStore, IReadOnlyDictionary<string, string>? remoteActions = null)
{
    private int _jobs;

    /// <summary>Environment every step gets besides the runner's own, such as NUGET_PACKAGES; a PATH here replaces the machine's.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Where actions/upload-artifact puts what it uploads, one folder per artifact name.</summary>
    public string Artifacts => Path.Combine(root, "artifacts");

    /// <summary>The repository's settings: <c>vars.NAME</c> and <c>secrets.NAME</c>.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public JobRun Run(string workflowFile, string job, string gitRef, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? needs = null, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var workflow = Load(workflowFile);
        var definition = (YamlMappingNode)((YamlMappingNode)workflow["jobs"])[job];
        var number = Interlocked.Increment(ref _jobs);
        var context = new JobContext(Directory.CreateDirectory(Path.Combine(root, $"job-{number}")).FullName, gitRef);
        foreach (var (name, value) in Map(workflow, "env").Concat(Map(definition, "env")))
        {
            context.Env[name] = value;
        }

        string Value(string path, Scope scope) => Lookup(path, scope, context, needs, inputs, Settings);
        var scope = new Scope(null, [], null);
        foreach (var step in Sequence(definition, "steps"))
        {
            RunStep(step, scope, context, Value);
        }

        foreach (var post in Enumerable.Reverse(context.Posts))
        {
            post(context.Failed);
        }

        var outputs = Map(definition, "outputs").ToDictionary(o => o.Key, o => Expressions.Expand(o.Value, p => Value(p, scope)));
        var summary = File.Exists(context.SummaryFile) ? File.ReadAllText(context.SummaryFile) : string.Empty;
        return new JobRun(!context.Failed, context.Log.ToString(), outputs, summary);
    }

    private void RunStep(YamlMappingNode step, Scope scope, JobContext context, Func<string, Scope, string> value)
    {
        var name = Scalar(step, "name") ?? Scalar(step, "uses") ?? Scalar(step, "run")!.Split('\n')[0];
        if (!Expressions.Holds(Scalar(step, "if"), p => value(p, scope), context.Failed))
        {
            context.Log.Append("skipped: ").AppendLine(name);
            return;
        }

        context.Log.Append("step: ").AppendLine(name);
        var outputs = Scalar(step, "uses") is { } uses
            ? Use(uses, Map(step, "with").ToDictionary(w => w.Key, w => Expressions.Expand(w.Value, p => value(p, scope))), scope, context, value)
            : RunScript(step, scope, context, value);
        if (Scalar(step, "id") is { } id && outputs is not null)
        {
            scope.Steps[id] = outputs;
        }
    }

    private Dictionary<string, string>? RunScript(YamlMappingNode step, Scope scope, JobContext context, Func<string, Scope, string> value)
    {
        var shell = Scalar(step, "shell") ?? (scope.ActionPath is null ? "bash" : throw new InvalidOperationException("a composite action's run step needs a shell"));
        if (shell != "bash")
        {
            throw new NotSupportedException($"the runner stand-in runs bash steps, not {shell}");
        }

        var outputFile = Path.Combine(context.Temp, $"output-{Guid.NewGuid():N}");
        File.WriteAllText(outputFile, string.Empty);
        var script = Path.Combine(context.Temp, $"step-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, Expressions.Expand(Scalar(step, "run")!, p => value(p, scope)));
        var environment = new Dictionary<string, string>(Environment)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_TEMP"] = context.Temp,
            ["GITHUB_WORKSPACE"] = context.Workspace,
            ["GITHUB_OUTPUT"] = outputFile,
            ["GITHUB_ENV"] = context.EnvFile,
            ["GITHUB_PATH"] = context.PathFile,
            ["GITHUB_STEP_SUMMARY"] = context.SummaryFile,
            ["GITHUB_REF_NAME"] = context.Ref,
            ["GITHUB_REF"] = "refs/tags/" + context.Ref,
            ["GITHUB_RUN_ID"] = "4200" + Path.GetFileName(context.Directory)[4..],
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_REPOSITORY"] = "example/churn",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_ACTOR"] = "release-manager",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_API_URL"] = "http://127.0.0.1:9",
        };
        if (scope.ActionPath is { } actionPath)
        {
            environment["GITHUB_ACTION_PATH"] = actionPath;
        }

        foreach (var (name, text) in context.Env.Concat(ReadPairs(context.EnvFile)))
        {
            environment[name] = text;
        }

        foreach (var (name, text) in Map(step, "env"))
        {
            environment[name] = Expressions.Expand(text, p => value(p, scope));
        }

        var added = File.Exists(context.PathFile) ? File.ReadAllLines(context.PathFile).Where(l => l.Length > 0).Reverse().ToList() : [];
        environment["PATH"] = string.Join(':', added.Append(Environment.GetValueOrDefault("PATH") ?? System.Environment.GetEnvironmentVariable("PATH")!));
        var directory = Scalar(step, "working-directory") is { } wd ? Path.Combine(context.Workspace, Expressions.Expand(wd, p => value(p, scope))) : context.Workspace;
        var (exit, output) = Dotnet.RunProgram("bash", directory, environment, "--noprofile", "--norc", "-eo", "pipefail", script);
        context.Log.Append(output);
        if (exit != 0)
        {
            context.Log.AppendLine($"error: the step exited with {exit}");
            context.Failed = true;
        }

        return ReadPairs(outputFile).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    }

    private Dictionary<string, string>? Use(string uses, Dictionary<string, string> with, Scope scope, JobContext context, Func<string, Scope, string> value)
    {
        if (uses.StartsWith("actions/checkout@", StringComparison.Ordinal))
        {
            RepositoryCopy.Must(context.Directory, "clone", "--quiet", origin, context.Workspace);
            RepositoryCopy.Must(context.Workspace, "checkout", "--quiet", context.Ref);
            return [];
        }

        if (uses.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal))
        {
            context.Log.AppendLine("setup-dotnet: the machine's .NET SDK is used");
            return [];
        }

        if (uses.StartsWith("actions/cache@", StringComparison.Ordinal))
        {
            return Cache(Path.Combine(context.Workspace, with["path"]), with["key"], context);
        }

        if (uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal))
        {
            var from = Path.Combine(context.Workspace, with["path"]);
            if (!Directory.Exists(from))
            {
                context.Log.AppendLine($"upload-artifact: nothing at {with["path"]}");
                return [];
            }

            CopyTree(from, Path.Combine(Artifacts, with["name"]));
            context.Log.AppendLine($"upload-artifact: {with["name"]}");
            return [];
        }

        var actionPath = uses.StartsWith("./", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(context.Workspace, uses))
            : remoteActions?.GetValueOrDefault(uses) ?? throw new NotSupportedException($"the runner stand-in has no '{uses}'");
        return Composite(actionPath, with, context, value);
    }

    private Dictionary<string, string> Composite(string actionPath, Dictionary<string, string> with, JobContext context, Func<string, Scope, string> value)
    {
        var action = Load(Path.Combine(actionPath, "action.yml"));
        var inputs = ((YamlMappingNode)action["inputs"]).Children.ToDictionary(
            i => ((YamlScalarNode)i.Key).Value!,
            i => with.GetValueOrDefault(((YamlScalarNode)i.Key).Value!) ?? Scalar((YamlMappingNode)i.Value, "default") ?? string.Empty);
        var unknown = with.Keys.Except(inputs.Keys).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"the action has no input {string.Join(", ", unknown)}");
        }

        var scope = new Scope(actionPath, [], inputs);
        foreach (var step in Sequence((YamlMappingNode)action["runs"], "steps"))
        {
            RunStep(step, scope, context, value);
        }

        return Map(action, "outputs").Select(o => o.Key).ToDictionary(
            o => o,
            o => Expressions.Expand(Scalar((YamlMappingNode)((YamlMappingNode)action["outputs"])[o], "value") ?? string.Empty, p => value(p, scope)));
    }

    private Dictionary<string, string> Cache(string path, string key, JobContext context)
    {
        var stored = Path.Combine(cacheStore, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]);
        var hit = Directory.Exists(stored);
        if (hit)
        {
            CopyTree(stored, path);
            context.Log.AppendLine($"cache: restored {key}");
        }
        else
        {
            context.Log.AppendLine($"cache: no entry for {key}");
            context.Posts.Add(failed =>
            {
                if (!failed && Directory.Exists(path))
                {
                    CopyTree(path, stored);
                    context.Log.AppendLine($"cache: saved {key}");
                }
            });
        }

        return new Dictionary<string, string> { ["cache-hit"] = hit ? "true" : "false" };
    }

    private static string Lookup(string path, Scope scope, JobContext context, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? needs, IReadOnlyDictionary<string, string>? inputs, Dictionary<string, string> settings)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["inputs", var name] when scope.Inputs is not null => scope.Inputs.TryGetValue(name, out var input) ? input : throw new InvalidOperationException($"no input {name}"),
            ["inputs", var name] => inputs?.GetValueOrDefault(name) ?? string.Empty,
            ["steps", var id, "outputs", var name] => scope.Steps.GetValueOrDefault(id)?.GetValueOrDefault(name) ?? string.Empty,
            ["needs", var job, "outputs", var name] => needs?.GetValueOrDefault(job)?.GetValueOrDefault(name) ?? string.Empty,
            ["github", "ref_name"] => context.Ref,
            ["github", "token"] => "ghs_notARealTokenButShapedLikeOne0000000000",
            ["github", "action_path"] => scope.ActionPath ?? string.Empty,
            ["github", "run_id"] => "4200",
            ["runner", "os"] => "Linux",
            ["runner", "temp"] => context.Temp,
            ["env", var name] => context.Env.GetValueOrDefault(name) ?? string.Empty,
            ["secrets", var secret] => settings.GetValueOrDefault(secret) ?? string.Empty,
            ["vars", var variable] => settings.GetValueOrDefault(variable) ?? string.Empty,
            _ => throw new NotSupportedException($"the runner stand-in has no context value '{path}'"),
        };
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadPairs(string file) =>
        File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => new KeyValuePair<string, string>(l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            : [];

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(to, File.GetUnixFileMode(file));
            }
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<KeyValuePair<string, string>> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlMappingNode)value).Children.Select(c => new KeyValuePair<string, string>(((YamlScalarNode)c.Key).Value!, c.Value is YamlScalarNode s ? s.Value ?? string.Empty : c.Value.ToString()))
            : [];

    private static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Cast<YamlMappingNode>();

    private sealed record Scope(string? ActionPath, Dictionary<string, Dictionary<string, string>> Steps, Dictionary<string, string>? Inputs);

    private sealed class JobContext(string directory, string gitRef)
    {
        public string Directory { get; } = directory;

        public string Ref { get; } = gitRef;

        public string Workspace { get; } = Path.Combine(directory, "workspace");

        public string Temp { get; } = System.IO.Directory.CreateDirectory(Path.Combine(directory, "runner-temp")).FullName;

        public string EnvFile => Path.Combine(Temp, "_env");

        public string PathFile => Path.Combine(Temp, "_path");

        public string SummaryFile => Path.Combine(Temp, "_summary.md");

        public Dictionary<string, string> Env { get; } = [];

        public List<Action<bool>> Posts { get; } = [];

        public StringBuilder Log { get; } = new();

        public bool Failed { get; set; }
    }
}
