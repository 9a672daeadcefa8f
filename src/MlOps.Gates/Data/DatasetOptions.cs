using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>Where a dataset is and how to read it.</summary>
public sealed record DatasetOptions
{
    public required string Name { get; init; }

    /// <summary>The full path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>The path as findings show it: relative to the base directory of the run where it can be.</summary>
    public required string DisplayPath { get; init; }

    public DataFormat Format { get; init; } = DataFormat.Csv;

    /// <summary>The field separator; null detects it from the header (CSV) or uses a tab (TSV).</summary>
    public char? Delimiter { get; init; }

    public bool HasHeader { get; init; } = true;

    /// <summary>Cell texts read as missing values. The default is the empty cell only.</summary>
    public IReadOnlyList<string> NullValues { get; init; } = [""];

    /// <summary>A text encoding name; null reads UTF-8 (with or without a byte order mark) and rejects invalid bytes.</summary>
    public string? Encoding { get; init; }

    /// <summary>Whether a dataset with a header and no rows is acceptable rather than an input error.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Where the gates file declares the dataset.</summary>
    public SourceLocation? DeclaredAt { get; init; }

    /// <summary>Why a text cannot be a field separator, or null when it can: one character, not a quote or a line break.</summary>
    public static string? DelimiterProblem(string text) => text switch
    {
        { Length: not 1 } => "must be one character",
        "\"" => "cannot be the quote character",
        "\n" or "\r" => "cannot be a line break",
        _ => null,
    };

    /// <summary>A separator as written: "\t" stands for a tab.</summary>
    public static string DelimiterText(string text) => text == "\\t" ? "\t" : text;

    public static DataFormat FormatFromExtension(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".tsv" or ".tab" => DataFormat.Tsv,
        ".parquet" or ".pq" => DataFormat.Parquet,
        _ => DataFormat.Csv,
    };
}
