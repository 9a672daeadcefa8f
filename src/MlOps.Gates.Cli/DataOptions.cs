using System.CommandLine;
using MlOps.Gates.Config;
using MlOps.Gates.Data;

namespace MlOps.Gates.Cli;

/// <summary>The options that say how to read a data file named on the command line.</summary>
internal sealed class DataOptions
{
    public Argument<string> Data { get; } = new("DATA") { Description = "The dataset: a CSV, TSV or Parquet file." };

    public Option<DataFormat?> Format { get; } = new("--data-format") { Description = "csv, tsv or parquet (default: from the file extension)." };

    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "The CSV field separator (default: detected from the header)." };

    public Option<string[]> NullValues { get; } = new("--null-value") { Description = "A cell text read as missing; repeat for several (default: the empty cell).", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command, bool withArgument = true)
    {
        if (withArgument)
        {
            command.Arguments.Add(Data);
        }

        command.Options.Add(Format);
        command.Options.Add(Delimiter);
        command.Options.Add(NullValues);
    }

    public DatasetOptions Read(System.CommandLine.ParseResult parse) => Read(parse, parse.GetValue(Data)!);

    /// <summary>A data file read with this command's format, delimiter and null options.</summary>
    public DatasetOptions Read(System.CommandLine.ParseResult parse, string path)
    {
        var full = Path.GetFullPath(path);
        var delimiter = parse.GetValue(Delimiter);
        if (delimiter is not null)
        {
            delimiter = DatasetOptions.DelimiterText(delimiter);
            if (DatasetOptions.DelimiterProblem(delimiter) is { } problem)
            {
                throw new GatesInputException(ErrorCodes.BadUsage, $"--delimiter {problem}");
            }
        }

        var nulls = parse.GetValue(NullValues);
        return new DatasetOptions
        {
            Name = Path.GetFileNameWithoutExtension(full),
            Path = full,
            DisplayPath = DisplayPaths.Relative(Environment.CurrentDirectory, full),
            Format = parse.GetValue(Format) ?? DatasetOptions.FormatFromExtension(full),
            Delimiter = delimiter?[0],
            NullValues = nulls is { Length: > 0 } ? nulls : [""],
        };
    }

    /// <summary>A data file named on the command line, read with the defaults for its extension.</summary>
    public static DatasetOptions FromPath(string path, string? name = null)
    {
        var full = Path.GetFullPath(path);
        return new DatasetOptions
        {
            Name = name ?? Path.GetFileNameWithoutExtension(full),
            Path = full,
            DisplayPath = DisplayPaths.Relative(Environment.CurrentDirectory, full),
            Format = DatasetOptions.FormatFromExtension(full),
        };
    }
}
