using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Cli;

/// <summary>
/// What a run tells the MSBuild tasks, written once at the end to <c>--results-file</c>: a header line, then one record a
/// line, fields separated by tabs, with backslash, tab, carriage return and line feed escaped as <c>\\ \t \r \n</c>.
/// Records: <c>finding</c> (severity, code, file, line, column, end line, end column (0: a point, not a range),
/// message, help link),
/// <c>canonical</c> (a finding as an MSBuild canonical line), <c>status</c>, <c>report</c> (format, path),
/// <c>failed-check</c> (gate, check, code), <c>registered</c> (model, version), <c>alias</c> (model, version, alias) and
/// <c>exit</c> (the exit code). Tab-separated rather than JSON so
/// the netstandard2.0 task reads it in Visual Studio's MSBuild without a JSON library of its own.
/// </summary>
public sealed class ResultsFile
{
    public const string Header = "mlops-gates-results\t1";

    private const string HelpBase = "https://github.com/mlops-gates/mlops-gates/blob/main/README.md";

    private readonly List<string> _records = [];
    private readonly HashSet<string> _findings = new(StringComparer.Ordinal);

    public void Finding(Finding finding, string baseDirectory)
    {
        var location = finding.Location;
        var file = location?.File ?? string.Empty;
        if (file.Length > 0 && !file.StartsWith('(') && !Path.IsPathRooted(file))
        {
            file = Path.GetFullPath(Path.Combine(baseDirectory, file));
        }

        var line = location?.Line ?? 0;
        var column = location?.Column ?? 0;
        var record = Record("finding", finding.Severity == Severity.Error ? "error" : "warning", finding.Code, file, Number(line), Number(column), "0", "0", finding.Message, HelpLink(finding.Code));
        if (_findings.Add(record))
        {
            _records.Add(record);
        }
    }

    public void Outcome(RunResult run, IReadOnlyList<string> reports, bool fails)
    {
        _records.Add(Record("status", fails ? "failed" : run.Status == GateStatus.Warning ? "passed-with-warnings" : "passed"));
        foreach (var report in reports)
        {
            _records.Add(Record("report", Path.GetExtension(report).TrimStart('.') switch { "xml" => "junit", var other => other }, Path.GetFullPath(report)));
        }

        foreach (var gate in run.Gates)
        {
            foreach (var check in gate.Checks.Where(c => c.Status == GateStatus.Failed))
            {
                _records.Add(Record("failed-check", gate.Name, check.Id, check.Code));
            }
        }

        foreach (var action in run.Registry.Where(a => a.Succeeded && a.Version is not null))
        {
            Registry(action.Action, action.Model, action.Version!.Value, action.Alias);
        }
    }

    /// <summary>A registry command's result: a version registered, or an alias set.</summary>
    public void Registry(string action, string model, int version, string? alias)
    {
        var number = Number(version);
        _records.Add(alias is null || action == "register" ? Record("registered", model, number) : Record("alias", model, number, alias));
    }

    public void Status(string status) => _records.Add(Record("status", status));

    /// <summary>A finding already in MSBuild's canonical form, such as a warning replayed from the last run.</summary>
    public void Canonical(string line) => _records.Add(Record("canonical", line));

    public void Write(string path, int exitCode)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var record in _records)
        {
            text.Append(record).Append('\n');
        }

        text.Append(Record("exit", Number(exitCode))).Append('\n');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The README section that explains a code.</summary>
    public static string HelpLink(string code) => HelpBase + (code.Length >= 4 ? code[..4] switch
    {
        "MLG2" => "#checks",
        "MLG4" => "#drift",
        "MLG5" => "#model-evaluation",
        "MLG6" => "#model-registry-and-promotion",
        _ => "#error-codes",
    } : "#error-codes");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Record(params string[] fields) => string.Join('\t', fields.Select(Escape));

    private static string Escape(string field)
    {
        if (field.AsSpan().IndexOfAny("\\\t\r\n") < 0)
        {
            return field;
        }

        var escaped = new StringBuilder(field.Length + 8);
        foreach (var c in field)
        {
            escaped.Append(c switch { '\\' => "\\\\", '\t' => "\\t", '\r' => "\\r", '\n' => "\\n", _ => c.ToString() });
        }

        return escaped.ToString();
    }
}
