using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Kinds;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests.Kinds;

/// <summary>
/// A gate kind added from outside the engine through the seam alone: its definition, reader and runner here, no engine
/// file touched; the loader reads it with positioned errors, the runner runs it beside the built-in kinds, and the
/// reports render its result.
/// </summary>
public sealed class GateKindSeamTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly IReadOnlyList<IGateKind> Kinds = [.. GateKinds.Default, new FileSizeKind()];

    [Fact]
    public void A_new_kind_is_read_run_and_reported_beside_the_built_in_ones()
    {
        _dir.Write("data.csv", "x\n1\n2\n");
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: small-enough
                type: file_size
                file: data.csv
                max_bytes: 5
              - name: quality
                dataset: {path: data.csv}
                checks:
                  - {expect: not_null, column: x}
            """), kinds: Kinds);

        var run = new GateRunner(kinds: Kinds).Run(config);

        Assert.Equal(["small-enough", "quality"], run.Gates.Select(g => g.Name));
        var size = run.Gates[0];
        Assert.Equal("file_size", size.Type);
        Assert.Equal(GateStatus.Failed, size.Status);
        Assert.Equal(2, size.Findings.Single().Location!.Line);
        Assert.Equal(GateStatus.Passed, run.Gates[1].Status);
        Assert.Contains("\"type\": \"file_size\"", ReportJson.Serialize(run), StringComparison.Ordinal);
        Assert.Contains("small-enough", new ReportRenderer().RenderMarkdown(run), StringComparison.Ordinal);
        var markdown = new ReportRenderer(kinds: Kinds).RenderMarkdown(run);
        Assert.Contains("File `data.csv` is 6 bytes; at most 5 allowed.", markdown, StringComparison.Ordinal);
        Assert.Contains("`data.csv`: 2 rows, 1 columns", markdown, StringComparison.Ordinal);
        Assert.Contains("<p>File <code>data.csv</code> is 6 bytes.</p>", new ReportRenderer(kinds: Kinds).Render(TemplateNames.Html, run), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_its_own_section_a_kind_is_reported_by_its_checks_and_a_users_template_replaces_its_own()
    {
        _dir.Write("data.csv", "x\n1\n2\n");
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", "gates:\n  - name: size\n    type: file_size\n    file: data.csv\n    max_bytes: 5\n"), kinds: Kinds);
        var run = new GateRunner(kinds: Kinds).Run(config);
        var templates = Directory.CreateDirectory(Path.Combine(_dir.Path, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "gate-file_size.md.scriban"), "\nThe user's own words about {{ cell gate.name }}.\n");

        var generic = new ReportRenderer().Render(TemplateNames.Markdown, run);
        var users = new ReportRenderer(templates, Kinds).Render(TemplateNames.Markdown, run);

        Assert.Contains("| ❌ | size | at most 5 bytes | 6 bytes |", generic, StringComparison.Ordinal);
        Assert.Contains("The user's own words about size.", users, StringComparison.Ordinal);
        Assert.DoesNotContain("is 6 bytes; at most", users, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_kinds_keys_are_checked_like_the_built_in_ones()
    {
        var path = _dir.Write("mlops-gates.yml", """
            gates:
              - name: size
                type: file_size
                file: missing.csv
                max_byte: 5
            """);

        var errors = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path, kinds: Kinds)).Errors;

        Assert.Contains(errors, e => e.Code == ErrorCodes.FileNotFound && e.Location!.Line == 4 && e.Message.Contains("missing.csv", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ErrorCodes.UnknownKey && e.Location!.Line == 5);
        Assert.Contains(errors, e => e.Code == ErrorCodes.MissingKey && e.Message.Contains("max_bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_kind_the_file_names_an_unknown_type_and_lists_the_known_ones()
    {
        var path = _dir.Write("mlops-gates.yml", "gates:\n  - name: size\n    type: file_size\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Equal(ErrorCodes.UnknownReference, error.Code);
        Assert.Contains("unknown gate type 'file_size'; this version knows: data_quality, drift, evaluate", error.Message, StringComparison.Ordinal);
    }

    private sealed record FileSizeGate : GateDefinition
    {
        public override string Type => "file_size";

        public required string File { get; init; }

        public required long MaxBytes { get; init; }

        public override IReadOnlyList<GateInput> Inputs => [new("file", File, System.IO.Path.GetFileName(File))];
    }

    private sealed class FileSizeKind : IGateKind
    {
        public IReadOnlyList<string> TypeNames { get; } = ["file_size"];

        public string? ReportTemplate(string name) => name switch
        {
            "gate-file_size.md" => "\nFile `{{ cell (input gate \"file\") }}` is {{ gate.checks[0].observed_value }} bytes; at most {{ gate.checks[0].parameters.max_bytes }} allowed.\n",
            "gate-file_size.html" => "<p>File <code>{{ html (input gate \"file\") }}</code> is {{ gate.checks[0].observed_value }} bytes.</p>\n",
            _ => null,
        };

        public GateDefinition? Read(GateReading gate)
        {
            var file = gate.File("file", required: true);
            var max = gate.Long("max_bytes", required: true);
            return gate.Name is null || file is null || max is null ? null : new FileSizeGate { Name = gate.Name, Location = gate.Location, File = file, MaxBytes = max.Value };
        }

        public IReadOnlyList<GateResult> Run(IReadOnlyList<GateDefinition> gates, GateRunContext context) =>
            gates.Cast<FileSizeGate>().Select(g =>
            {
                var bytes = new FileInfo(g.File).Length;
                var check = new CheckResult
                {
                    Id = "size",
                    Kind = "file_size",
                    Code = "TOY0001",
                    Description = string.Create(CultureInfo.InvariantCulture, $"at most {g.MaxBytes} bytes"),
                    Success = bytes <= g.MaxBytes,
                    Message = string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
                    ObservedValue = bytes,
                    Parameters = new Dictionary<string, object?> { ["max_bytes"] = g.MaxBytes },
                    ConfigLocation = g.Location,
                };
                return new GateResult
                {
                    Name = g.Name,
                    Type = g.Type,
                    Status = GateResult.StatusOf([check]),
                    Checks = [check],
                    Findings = GateResult.FindingsOf(g.Name, [check]),
                };
            }).ToList();
    }
}
