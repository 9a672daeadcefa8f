using MlOps.Gates.Config;

namespace MlOps.Gates.Tests;

/// <summary>Settings of the expectations added for Great Expectations' catalogue that cannot work are refused where they are written.</summary>
public sealed class CatalogSettingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("{expect: strftime_format, column: a, format: '%Y-%Q'}", "'%Q' is not a directive Python's strptime knows")]
    [InlineData("{expect: strftime_format, column: a, format: '%Y-%Y'}", "'%Y' is given twice")]
    [InlineData("{expect: regex_list, column: a, patterns: ['ok', '(']}", "invalid regular expression")]
    [InlineData("{expect: like_list, column: a, patterns: []}", "must give at least one pattern")]
    [InlineData("{expect: in_type_list, column: a, types: [integer, decimal]}", "'decimal' is not a type")]
    [InlineData("{expect: json_schema, column: a, schema: {type: 12}}", "'schema' is not a JSON schema")]
    [InlineData("{expect: json_schema, column: a}", "'schema' (a JSON schema) is required")]
    [InlineData("{expect: regex_list, column: a, patterns: [x], match_on: some}", "match_on")]
    public void Settings_that_cannot_work_are_refused_at_their_line(string check, string message)
    {
        _dir.Write("data.csv", "a\n1\n");
        var path = _dir.Write("mlops-gates.yml", $"gates:\n  - name: g\n    dataset: {{path: data.csv}}\n    checks:\n      - {check}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Location!.Line);
        Assert.NotEqual(ErrorCodes.Internal, error.Code);
    }
}
