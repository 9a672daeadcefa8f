using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MlOps.Gates.Tasks;

/// <summary>What the CLI wrote to its <c>--results-file</c>: findings, status, reports, failed checks and registry changes.</summary>
public sealed class RunResults
{
    public const string Header = "mlops-gates-results\t1";

    public List<RunFinding> Findings { get; } = [];

    /// <summary>Findings already in MSBuild's canonical form (warnings replayed from the last run).</summary>
    public List<string> CanonicalLines { get; } = [];

    public string? Status { get; private set; }

    public List<KeyValuePair<string, string>> Reports { get; } = [];

    public List<string[]> FailedChecks { get; } = [];

    public string? Version { get; private set; }

    public string? Alias { get; private set; }

    public int? ExitCode { get; private set; }

    /// <summary>Reads the file; null when it is missing (the CLI never got to write it) or not ours.</summary>
    public static RunResults? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        if (lines.Length == 0 || lines[0] != Header)
        {
            return null;
        }

        var results = new RunResults();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                results.Add(Fields(lines[i]));
            }
        }

        return results;
    }

    private void Add(string[] fields)
    {
        string Field(int index) => index < fields.Length ? fields[index] : string.Empty;

        switch (fields[0])
        {
            case "finding":
                Findings.Add(new RunFinding(Field(1) == "error", Field(2), Field(3), Number(Field(4)), Number(Field(5)), Number(Field(6)), Number(Field(7)), Field(8), Field(9)));
                break;
            case "canonical":
                CanonicalLines.Add(Field(1));
                break;
            case "status":
                Status = Field(1);
                break;
            case "report":
                Reports.Add(new KeyValuePair<string, string>(Field(1), Field(2)));
                break;
            case "failed-check":
                FailedChecks.Add([Field(1), Field(2), Field(3)]);
                break;
            case "registered":
                Version = Field(2);
                break;
            case "alias":
                Version = Field(2);
                Alias = Field(3);
                break;
            case "exit":
                ExitCode = Number(Field(1));
                break;
        }
    }

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>Splits a record at tabs and undoes the CLI's escapes (<c>\\ \t \r \n</c>).</summary>
    public static string[] Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\t')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                i++;
                current.Append(line[i] switch { 't' => '\t', 'r' => '\r', 'n' => '\n', var other => other });
            }
            else if (c != '\r')
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
