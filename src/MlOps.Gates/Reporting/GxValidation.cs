using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Gates.Quality;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>
/// The data-quality gates of a run in Great Expectations' validation result format (<c>gx-validation.json</c>), so that
/// dashboards and scripts built on GX's output keep working: per gate an <c>ExpectationSuiteValidationResult</c>
/// (<c>success</c>, <c>statistics</c>, <c>results[]</c> with <c>expectation_config</c> and <c>result</c>:
/// <c>element_count</c>, <c>missing_count</c>, <c>unexpected_count</c>, <c>unexpected_percent</c>,
/// <c>partial_unexpected_list</c>, <c>observed_value</c>), one object for one gate, a list for several.
/// </summary>
public static class GxValidation
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Serialize(RunResult run)
    {
        var suites = run.Gates.Where(g => g.Dataset is not null).Select(g => Suite(run, g)).ToList();
        JsonNode document = suites.Count == 1 ? suites[0] : new JsonArray([.. suites]);
        return document.ToJsonString(Options);
    }

    private static JsonObject Suite(RunResult run, GateResult gate)
    {
        var results = gate.Checks.Select(Result).ToList();
        var successful = gate.Checks.Count(c => c.Success);
        return new JsonObject
        {
            ["success"] = gate.Checks.All(c => c.Success),
            ["results"] = new JsonArray([.. results]),
            ["evaluation_parameters"] = new JsonObject(),
            ["statistics"] = new JsonObject
            {
                ["evaluated_expectations"] = gate.Checks.Count,
                ["successful_expectations"] = successful,
                ["unsuccessful_expectations"] = gate.Checks.Count - successful,
                ["success_percent"] = gate.Checks.Count == 0 ? null : 100.0 * successful / gate.Checks.Count,
            },
            ["meta"] = new JsonObject
            {
                ["great_expectations_version"] = null,
                ["mlops_gates_version"] = run.Version,
                ["expectation_suite_name"] = gate.Name,
                ["run_id"] = new JsonObject { ["run_name"] = gate.Name, ["run_time"] = run.StartedAt.ToString("O", CultureInfo.InvariantCulture) },
                ["batch_spec"] = new JsonObject { ["path"] = gate.Dataset!.DisplayPath },
                ["validation_time"] = run.StartedAt.ToString("yyyyMMdd'T'HHmmss.ffffff'Z'", CultureInfo.InvariantCulture),
            },
        };
    }

    private static JsonObject Result(CheckResult check)
    {
        var unsupported = check.Code == ErrorCodes.UnsupportedExpectation;
        return new JsonObject
        {
            ["success"] = check.Success,
            ["expectation_config"] = new JsonObject
            {
                ["expectation_type"] = unsupported ? check.Id : GreatExpectationsName(check.Kind),
                ["kwargs"] = Kwargs(check),
                ["meta"] = new JsonObject { ["mlops_gates_check"] = check.Id, ["mlops_gates_code"] = check.Code, ["severity"] = check.Severity.ToString().ToLowerInvariant() },
            },
            ["result"] = unsupported ? new JsonObject() : Outcome(check),
            ["meta"] = new JsonObject(),
            ["exception_info"] = new JsonObject
            {
                ["raised_exception"] = unsupported,
                ["exception_message"] = unsupported ? check.Message : null,
                ["exception_traceback"] = null,
            },
        };
    }

    /// <summary>GX's name of the check's kind; a kind GX has no name for keeps its own, marked as this tool's.</summary>
    private static string GreatExpectationsName(string kind) =>
        CheckCatalog.Default.Find(kind) is { GreatExpectationsNames: [var name, ..] } ? name : $"mlops_gates_{kind}";

    private static JsonObject Kwargs(CheckResult check)
    {
        var kwargs = new JsonObject();
        if (check.Columns.Count == 1)
        {
            kwargs["column"] = check.Columns[0];
        }
        else if (check.Columns.Count > 1)
        {
            kwargs["column_list"] = new JsonArray([.. check.Columns.Select(c => (JsonNode)c)]);
        }

        foreach (var (key, value) in check.Parameters)
        {
            kwargs[key] = value is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : JsonValue.Create(value?.ToString());
        }

        if (check.Mostly is { } mostly)
        {
            kwargs["mostly"] = mostly;
        }

        return kwargs;
    }

    private static JsonObject Outcome(CheckResult check)
    {
        var result = new JsonObject();
        if (check.ElementCount is { } elements)
        {
            result["element_count"] = elements;
        }

        if (check.MissingCount is { } missing)
        {
            result["missing_count"] = missing;
            result["missing_percent"] = check.ElementCount is > 0 ? 100.0 * missing / check.ElementCount.Value : null;
        }

        if (check.UnexpectedCount is { } unexpected)
        {
            var counted = (check.ElementCount ?? 0) - (check.MissingCount ?? 0);
            result["unexpected_count"] = unexpected;
            result["unexpected_percent"] = check.UnexpectedPercent;
            result["unexpected_percent_total"] = check.ElementCount is > 0 ? 100.0 * unexpected / check.ElementCount.Value : null;
            result["unexpected_percent_nonmissing"] = counted > 0 ? 100.0 * unexpected / counted : null;
            result["partial_unexpected_list"] = new JsonArray([.. check.PartialUnexpected.Select(u => (JsonNode?)JsonValue.Create(u.Value))]);
        }

        if (check.ObservedValue is { } observed)
        {
            result["observed_value"] = observed switch
            {
                double d when double.IsFinite(d) => d,
                double => null,
                long l => l,
                int i => i,
                string text => text,
                // Lists (distinct values, modes) and maps (both row counts) as JSON, as GX gives them.
                _ => System.Text.Json.JsonSerializer.SerializeToNode(observed),
            };
        }

        return result;
    }
}
