using System.Text.RegularExpressions;
using MlOps.Gates.Config;
using MlOps.Gates.Tests;
using YamlDotNet.RepresentationModel;

namespace MlOps.Gates.Cli.Tests;

/// <summary>
/// The README against the tool, as Sep tests its README: every command line it shows names a command and options the
/// tool has, every gates file it shows loads as written, the first one runs on data and fails the way the README's first
/// block shows, and the workflow block uses the action's inputs and outputs. A README that drifts from the tool fails here.
/// </summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed partial class ReadmeTests : IDisposable
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The README's fenced blocks: language, first line number and text.</summary>
    private static List<(string Language, int Line, string Text)> Blocks()
    {
        var blocks = new List<(string, int, string)>();
        var lines = Readme.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            blocks.Add((lines[i][3..].Trim(), start + 2, string.Join('\n', lines[(start + 1)..end])));
            i = end;
        }

        return blocks;
    }

    /// <summary>Every command line the README shows: in code blocks and in inline code, with the line it is on.</summary>
    private static List<(int Line, string Command)> CommandLines()
    {
        var found = new List<(int, string)>();
        var lines = Readme.Split('\n');
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (inBlock)
            {
                if (lines[i].TrimStart().StartsWith("mlops-gates ", StringComparison.Ordinal))
                {
                    var command = lines[i].Trim();
                    // A usage line continues on the indented lines under it.
                    for (var next = i + 1; next < lines.Length && lines[next].StartsWith("                    ", StringComparison.Ordinal) && lines[next].TrimStart().StartsWith('['); next++)
                    {
                        command += " " + lines[next].Trim();
                    }

                    found.Add((i + 1, command));
                }

                continue;
            }

            foreach (Match inline in InlineCommand().Matches(lines[i]))
            {
                found.Add((i + 1, inline.Groups[1].Value));
            }
        }

        return found;
    }

    [Fact]
    public void Every_command_line_in_the_readme_names_a_command_and_options_the_tool_has()
    {
        var commands = CommandLines();
        Assert.True(commands.Count >= 30, $"only {commands.Count} command lines found: the README's shape changed");
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (line, command) in commands)
        {
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            // The command path: the words before the first option or argument the tool does not know as a command.
            var path = new List<string>();
            foreach (var word in words.TakeWhile(w => Regex.IsMatch(w, "^[a-z]+(\\|[a-z]+)*$")))
            {
                var candidate = string.Join(' ', path.Append(word.Split('|')[0]));
                if (!Help(helps, candidate).Exit.Equals(0))
                {
                    break;
                }

                path.Add(word.Split('|')[0]);
                foreach (var alternative in word.Split('|').Skip(1))
                {
                    if (Help(helps, string.Join(' ', path.SkipLast(1).Append(alternative))).Exit != 0)
                    {
                        problems.Add($"README.md({line}): 'mlops-gates {string.Join(' ', path.SkipLast(1).Append(alternative))}' is not a command");
                    }
                }
            }

            if (path.Count == 0)
            {
                problems.Add($"README.md({line}): '{command}' names no command");
                continue;
            }

            var help = Help(helps, string.Join(' ', path)).Text;
            foreach (Match option in OptionName().Matches(command))
            {
                if (!Regex.IsMatch(help, $@"(^|[\s,\[]){Regex.Escape(option.Value)}([\s,=<\]]|$)", RegexOptions.Multiline))
                {
                    problems.Add($"README.md({line}): 'mlops-gates {string.Join(' ', path)}' has no option {option.Value}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_gates_file_in_the_readme_loads_as_written()
    {
        var loaded = 0;
        foreach (var (language, line, text) in Blocks().Where(b => b.Language == "yaml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            bool Has(string key) => root.Children.ContainsKey(new YamlScalarNode(key));
            if (Has("steps") || Has("class_name"))
            {
                // A workflow (tested below) and a Great Expectations checkpoint (theirs, shown for comparison).
                continue;
            }

            // A fragment (a registry or gates section alone) is completed with what a gates file needs around it.
            var file = text;
            if (!Has("gates"))
            {
                file += "\ngates:\n  - name: g\n    dataset: {path: data.csv}\n    checks: [{expect: row_count_between, min: 1}]\n";
            }

            if (Has("gates") && !Has("datasets") && text.Contains("data: recent", StringComparison.Ordinal))
            {
                file += "\ndatasets:\n  recent: {path: data/recent.csv}\n";
            }

            var path = _dir.Write($"block-{line}/mlops-gates.yml", file);
            try
            {
                GatesConfigLoader.Load(path, requireInputs: false);
            }
            catch (GatesInputException e)
            {
                Assert.Fail($"README.md({line}): the gates file does not load: {e.Message}");
            }

            loaded++;
        }

        Assert.True(loaded >= 5, $"only {loaded} gates files found: the README's shape changed");
    }

    [Fact]
    public void The_first_gates_file_runs_on_data_and_fails_a_bad_row_as_the_first_block_shows()
    {
        var (_, _, gates) = Blocks().First(b => b.Language == "yaml");
        // 7 of 600 tenures below zero: more than the 1% that mostly: 0.99 allows; the first in data row 250.
        var rows = Enumerable.Range(0, 600).Select(i => $"{(i >= 249 && i % 50 == 49 ? -7 : i % 100)},{(i % 3 == 0 ? "one-year" : "month-to-month")}").ToList();
        _dir.Write("repo/data/customers.csv", "tenure_months,contract\n" + string.Join('\n', rows) + "\n");
        var config = _dir.Write("repo/mlops-gates.yml", gates);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "repo", ".git"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "repo", "report-templates"));

        var (exit, output, error) = Cli.Run("run", "--config", config, "--log-format", "msbuild", "--no-progress");

        var shown = Regex.Match(Readme, "```\\n(data/customers.csv\\(\\d+,\\d+\\): error MLG2009: .*)\\n```").Groups[1].Value;
        Assert.NotEmpty(shown);
        Assert.True(exit == 1, output + error);
        var line = (output + error).Split('\n').Single(l => l.Contains("error MLG2009", StringComparison.Ordinal)).Trim();
        Assert.True(line.Replace('\\', '/').EndsWith(shown, StringComparison.Ordinal), line);
    }

    [Fact]
    public void The_workflow_block_uses_the_actions_inputs_and_its_outputs()
    {
        var action = new YamlStream();
        action.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, "action.yml"))));
        var root = (YamlMappingNode)action.Documents[0].RootNode;
        var inputs = ((YamlMappingNode)root.Children[new YamlScalarNode("inputs")]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var outputs = ((YamlMappingNode)root.Children[new YamlScalarNode("outputs")]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var (_, line, workflow) = Blocks().Single(b => b.Language == "yaml" && b.Text.Contains("steps:", StringComparison.Ordinal));

        var listed = Regex.Match(workflow, "# inputs: (.*)").Groups[1].Value.Split(", ").ToList();
        Assert.Equal(inputs.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (Match with in Regex.Matches(workflow, @"^\s+(\w[\w-]*):", RegexOptions.Multiline).Where(m => workflow.IndexOf("with:", StringComparison.Ordinal) < m.Index))
        {
            Assert.True(inputs.Contains(with.Groups[1].Value), $"README.md({line}): '{with.Groups[1].Value}' is not an input of action.yml");
        }

        var sentence = Readme[Readme.IndexOf("Outputs: ", StringComparison.Ordinal)..].Split('\n')[0];
        Assert.Equal(outputs.Order(StringComparer.Ordinal), Regex.Matches(sentence, "`([a-z-]+)`").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    private static (int Exit, string Text) Help(Dictionary<string, string> cache, string path)
    {
        if (cache.TryGetValue(path, out var known))
        {
            return (known.Length == 0 ? 1 : 0, known);
        }

        var (exit, output, _) = Cli.Run([.. path.Split(' '), "--help"]);
        // In process the usage line starts with the test host's name, not mlops-gates.
        var text = exit == 0 && Regex.IsMatch(output, $@"Usage:\s*\n\s*\S+ {Regex.Escape(path)}( |$)", RegexOptions.Multiline) ? output : string.Empty;
        cache[path] = text;
        return (text.Length == 0 ? 1 : 0, text);
    }

    [GeneratedRegex(@"`(mlops-gates [^`]+)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
