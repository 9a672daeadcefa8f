using System.CommandLine;
using MlOps.Gates.Profiling;

namespace MlOps.Gates.Cli;

/// <summary><c>mlops-gates profile DATA</c>: infers a starter suite from a dataset.</summary>
internal static class ProfileCommand
{
    public static Command Create(GatesApp app)
    {
        var data = new DataOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the suite (default: standard output)." }.WritesFile();
        var margin = new Option<double>("--margin") { Description = "Widen numeric ranges by this share of their width on each side (default 0.1).", DefaultValueFactory = _ => 0.1 }.Within(0, 10);
        var maxCategories = new Option<int>("--max-categories") { Description = "Text columns with at most this many distinct values get an in_set check (default 20).", DefaultValueFactory = _ => 20 }.Within(0, 10_000);
        var format = new Option<string?>("--format") { Description = "yaml (this tool's suite, the default) or gx (a Great Expectations 1.x JSON suite; the default for an --output ending in .json)." };
        var command = new Command("profile", "Write a starter suite inferred from a dataset: types, nulls, ranges, category sets.") { output, margin, maxCategories, format };
        data.AddTo(command);
        command.SetAction(parse => app.Guard(() =>
        {
            var dataset = data.Read(parse);
            var options = new ProfileOptions(parse.GetValue(margin), parse.GetValue(maxCategories));
            var profile = DatasetProfiler.Profile(dataset, options);
            var chosen = parse.GetValue(format)?.ToLowerInvariant() ?? (parse.GetValue(output) is { } o && o.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "gx" : "yaml");
            var yaml = chosen switch
            {
                "yaml" or "yml" => SuiteWriter.Write(profile, options),
                "gx" => GxSuiteWriter.Write(profile, options),
                _ => throw new GatesInputException(ErrorCodes.BadUsage, $"--format '{parse.GetValue(format)}': expected yaml or gx"),
            };
            if (parse.GetValue(output) is { } path)
            {
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                AtomicFile.WriteAllText(full, yaml);
                app.Output.WriteLine($"mlops-gates: wrote a suite of {profile.Columns.Count} columns, {profile.Rows} rows to {path}");
            }
            else
            {
                app.Output.Write(yaml);
            }

            return ExitCodes.Passed;
        }));
        return command;
    }
}
