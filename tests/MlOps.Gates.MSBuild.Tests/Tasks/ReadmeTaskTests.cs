using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MlOps.Gates.Tests;

namespace MlOps.Gates.MSBuild.Tests;

/// <summary>
/// The README's MSBuild sections against the tasks as built: every task of its table with the parameters and outputs
/// it lists, the parameters every task takes, the target it shows, and the package id it tells a project to reference.
/// </summary>
public sealed partial class ReadmeTaskTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
    private static readonly Assembly Tasks = typeof(MlOps.Gates.Tasks.MlOpsCheckData).Assembly;

    private static PropertyInfo? Property(Type task, string name) => task.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);

    private static bool IsOutput(PropertyInfo property) => property.GetCustomAttributes().Any(a => a.GetType().Name == "OutputAttribute");

    [Fact]
    public void Every_task_in_the_readmes_table_has_the_parameters_and_outputs_it_lists()
    {
        var table = Readme[Readme.IndexOf("| task | parameters | outputs |", StringComparison.Ordinal)..].Split("\n\n")[0];
        var rows = table.Split('\n').Where(l => l.StartsWith("| `MlOps", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            var name = cells[1].Trim('`');
            var task = Tasks.GetType($"MlOps.Gates.Tasks.{name}");
            if (task is null)
            {
                problems.Add($"{name} is not a task");
                continue;
            }

            foreach (var parameter in Identifiers().Matches(cells[2]).Select(m => m.Groups[1].Value).Where(p => p != "Name" || !cells[2].Contains("`Name` metadata", StringComparison.Ordinal)))
            {
                if (Property(task, parameter) is not { CanWrite: true })
                {
                    problems.Add($"{name} has no parameter {parameter}");
                }
            }

            foreach (var output in Identifiers().Matches(cells[3]).Select(m => m.Groups[1].Value))
            {
                if (Property(task, output) is not { } property || !IsOutput(property))
                {
                    problems.Add($"{name} has no output {output}");
                }
            }

            var common = Readme[Readme.IndexOf("Every task also takes", StringComparison.Ordinal)..].Split("\n\n")[0];
            foreach (var parameter in Identifiers().Matches(common).Select(m => m.Groups[1].Value))
            {
                if (Property(task, parameter) is not { CanWrite: true })
                {
                    problems.Add($"{name} does not take {parameter}, which every task is said to take");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_readmes_target_calls_a_task_with_parameters_and_an_output_it_has()
    {
        var block = Regex.Match(Readme, "```xml\\n(<Target[\\s\\S]*?)```").Groups[1].Value;
        var target = XElement.Parse(block);
        var call = target.Elements().Single();
        var task = Tasks.GetType($"MlOps.Gates.Tasks.{call.Name.LocalName}");

        Assert.NotNull(task);
        Assert.All(call.Attributes(), a => Assert.True(Property(task, a.Name.LocalName) is { CanWrite: true }, a.Name.LocalName));
        Assert.All(call.Elements("Output"), o => Assert.True(IsOutput(Property(task, o.Attribute("TaskParameter")!.Value)!)));
    }

    [Fact]
    public void The_package_the_readme_references_is_the_one_the_msbuild_project_packs()
    {
        var reference = XElement.Parse(Regex.Match(Readme, "```xml\\n(<PackageReference[^\\n]*)\\n```").Groups[1].Value);
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", "MlOps.Gates.MSBuild", "MlOps.Gates.MSBuild.csproj"));

        Assert.Equal(project.Descendants("PackageId").Single().Value, reference.Attribute("Include")!.Value);
        Assert.Equal("all", reference.Attribute("PrivateAssets")!.Value);
    }

    [GeneratedRegex("`([A-Z][A-Za-z]+)`")]
    private static partial Regex Identifiers();
}
