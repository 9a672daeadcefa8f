using System.Text.RegularExpressions;
using MlOps.Gates.Config;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// The README's migration section against the tool: its table of GX's core expectations says for each what the
/// loader does with it, and its checkpoint's suite and gates file run as written.
/// </summary>
public sealed partial class GreatExpectationsCoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Readme() => File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

    private static string Section()
    {
        var readme = Readme();
        var start = readme.IndexOf("### Moving from Great Expectations", StringComparison.Ordinal);
        return readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void The_readme_table_lists_every_core_expectation_with_what_the_loader_does_with_it()
    {
        var rows = TableRow().Matches(Section()).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

        Assert.Equal(GreatExpectationsCore.Names.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var name in GreatExpectationsCore.Names)
        {
            var kind = CheckCatalog.Default.Find(name);
            Assert.Equal(kind is null ? "not yet: MLG1013, or skipped with a warning under `unsupported: warn`" : $"yes, as `{kind.Name}`", rows[name]);
        }

        // And nothing the loader accepts under a GX name is missing from the table.
        Assert.All(CheckCatalog.Default.Kinds.SelectMany(k => k.GreatExpectationsNames), n => Assert.Contains(n, GreatExpectationsCore.Names));
    }

    [Fact]
    public void The_readme_suite_and_gates_file_run_as_written()
    {
        var blocks = CodeBlock().Matches(Section()).Select(m => (Language: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        var suite = blocks.Single(b => b.Language == "json").Text;
        var gates = blocks.Single(b => b.Language == "yaml" && b.Text.Contains("# mlops-gates.yml", StringComparison.Ordinal)).Text;
        _dir.Write("great_expectations/expectations/taxi/demo.json", suite);
        _dir.Write("data/yellow_tripdata_sample_2019-01.csv", "vendor_id,passenger_count\n1,1\n2,6\n1,3\n2,2\n");

        var run = new GateRunner(new Gates.FixedTime(Gates.Now)).Run(GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", gates)));

        Assert.Equal(GateStatus.Passed, run.Status);
        Assert.Equal(["not_null", "between"], run.Gates.Single().Checks.Select(c => c.Kind));
        Assert.Equal(0.99, Convert.ToDouble(run.Gates.Single().Checks[1].Parameters["mostly"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\| `(expect_[a-z_]+)` \| (.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("```(\\w+)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
