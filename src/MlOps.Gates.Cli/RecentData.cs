using MlOps.Gates.Config;
using MlOps.Gates.Data;

namespace MlOps.Gates.Cli;

/// <summary>
/// Recent production data for a monitor: a data file as it is, or a folder of CSV prediction logs joined into one
/// temporary file (one header, every file's rows in name order); the files must share the header.
/// </summary>
internal sealed class RecentData : IDisposable
{
    private readonly string? _temporary;

    private RecentData(DatasetOptions dataset, string? temporary)
    {
        Dataset = dataset;
        _temporary = temporary;
    }

    public DatasetOptions Dataset { get; }

    public static RecentData Open(string path)
    {
        var full = Path.GetFullPath(path);
        var display = DisplayPaths.Relative(Environment.CurrentDirectory, full);
        if (File.Exists(full))
        {
            return new RecentData(DataOptions.FromPath(full, "current"), null);
        }

        if (!Directory.Exists(full))
        {
            throw new GatesInputException(ErrorCodes.DataFileNotFound, $"--current: {path} is neither a file nor a folder");
        }

        var files = Directory.EnumerateFiles(full, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new GatesInputException(ErrorCodes.EmptyData, $"--current: the folder {path} has no .csv files");
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"mlops-gates-recent-{Guid.NewGuid():N}.csv");
        string? header = null;
        using (var output = new StreamWriter(temporary))
        {
            foreach (var file in files)
            {
                using var input = new StreamReader(file);
                var first = input.ReadLine() ?? string.Empty;
                if (header is null)
                {
                    header = first;
                    output.WriteLine(header);
                }
                else if (first != header)
                {
                    throw new GatesInputException(ErrorCodes.BadHeader, $"{DisplayPaths.Relative(Environment.CurrentDirectory, file)}: its header differs from {DisplayPaths.Relative(Environment.CurrentDirectory, files[0])}'s; a monitored folder's logs share one header", new Results.SourceLocation(file, 1, 1));
                }

                string? line;
                while ((line = input.ReadLine()) is not null)
                {
                    if (line.Length > 0)
                    {
                        output.WriteLine(line);
                    }
                }
            }
        }

        return new RecentData(new DatasetOptions { Name = "current", Path = temporary, DisplayPath = display + "/*.csv", Format = DataFormat.Csv }, temporary);
    }

    public void Dispose()
    {
        if (_temporary is not null && File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
