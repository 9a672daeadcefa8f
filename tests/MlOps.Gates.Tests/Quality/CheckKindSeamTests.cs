using System.Globalization;
using MlOps.Gates.Config;
using MlOps.Gates.Data;
using MlOps.Gates.Kinds;
using MlOps.Gates.Quality;
using MlOps.Gates.Reporting;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>
/// A check kind added from outside the engine through the catalogue alone: its settings reader and evaluator here, no
/// engine file touched. It is read with positioned errors from gates files and suites (by its own and a Great
/// Expectations name), runs in the same pass as the built-in checks, any number of times, and reports like them.
/// </summary>
public sealed class CheckKindSeamTests : IDisposable
{
    private static readonly CheckKind Multiples = new("multiple_of", "TOY2001", ColumnArity.One, "values are multiples of a number", ReadMultiples)
    {
        GreatExpectationsNames = ["expect_column_values_to_be_multiples_of"],
    };

    private static readonly CheckCatalog Checks = CheckCatalog.Default.With(Multiples);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_check_kind_runs_beside_the_built_in_ones_and_reports_its_unexpected_values_at_their_place()
    {
        _dir.Write("data.csv", "x,y\n3,a\n4,b\n,c\n9,d\n");
        var config = GatesConfigLoader.Load(_dir.Write("mlops-gates.yml", """
            gates:
              - name: quality
                dataset: {path: data.csv}
                checks:
                  - {expect: multiple_of, column: x, of: 3}
                  - {expect: not_null, column: y}
            """), kinds: GateKinds.WithChecks(Checks));

        var runner = new GateRunner(kinds: GateKinds.WithChecks(Checks));
        var first = runner.Run(config);
        var second = runner.Run(config);

        var check = first.Gates.Single().Checks[0];
        Assert.Equal(("multiple_of(x)", "TOY2001", false), (check.Id, check.Code, check.Success));
        Assert.Equal((4L, 1L, 1L), (check.ElementCount!.Value, check.MissingCount!.Value, check.UnexpectedCount!.Value));
        Assert.Equal("4", check.PartialUnexpected.Single().Value);
        Assert.Equal((3, 1), (check.PartialUnexpected[0].Location!.Line, check.PartialUnexpected[0].Location!.Column));
        Assert.True(first.Gates.Single().Checks[1].Success);
        Assert.Equal((check.ElementCount, check.UnexpectedCount, check.Message), (second.Gates.Single().Checks[0].ElementCount, second.Gates.Single().Checks[0].UnexpectedCount, second.Gates.Single().Checks[0].Message));
        Assert.Contains(@"| ❌ | multiple\_of(x) | values of 'x' are multiples of 3 |", new ReportRenderer().RenderMarkdown(first), StringComparison.Ordinal);
        Assert.Contains(first.Gates.Single().Findings, f => f.Code == "TOY2001" && f.Location!.Line == 3);
    }

    [Fact]
    public void Its_settings_are_checked_at_their_place_like_the_built_in_ones()
    {
        _dir.Write("data.csv", "x\n3\n");
        var path = _dir.Write("mlops-gates.yml", """
            gates:
              - name: quality
                dataset: {path: data.csv}
                checks:
                  - {expect: multiple_of, column: x, of: 0}
                  - {expect: multiple_of, column: x, off: 3}
            """);

        var errors = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path, kinds: GateKinds.WithChecks(Checks))).Errors;

        Assert.Contains(errors, e => e.Code == ErrorCodes.InvalidValue && e.Location!.Line == 5 && e.Message.Contains("checks[0]: 'of' must be a positive whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ErrorCodes.UnknownKey && e.Location!.Line == 6 && e.Message.Contains("'off'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ErrorCodes.MissingKey && e.Location!.Line == 6 && e.Message.Contains("'of' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_great_expectations_suite_may_use_it_by_its_expectation_type()
    {
        _dir.Write("data.csv", "x\n3\n6\n7\n");
        var suite = _dir.Write("suite.json", """
            {
              "expectation_suite_name": "toy",
              "expectations": [
                {"expectation_type": "expect_column_values_to_be_multiples_of", "kwargs": {"column": "x", "of": 3, "mostly": 0.6}}
              ]
            }
            """);
        var dataset = new DatasetOptions { Name = "data", Path = Path.Combine(_dir.Path, "data.csv"), DisplayPath = "data.csv" };

        var run = new GateRunner().Run(GatesConfigLoader.LoadSuite(suite, dataset, _dir.Path, Checks));

        var check = run.Gates.Single().Checks.Single();
        Assert.Equal(("multiple_of", true, 1L), (check.Kind, check.Success, check.UnexpectedCount!.Value));
    }

    [Fact]
    public void Without_it_the_name_is_an_unknown_check_at_its_place()
    {
        _dir.Write("data.csv", "x\n3\n");
        var path = _dir.Write("mlops-gates.yml", "gates:\n  - name: q\n    dataset: {path: data.csv}\n    checks:\n      - {expect: multiple_of, column: x, of: 3}\n");

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(path)).Errors.Single();

        Assert.Equal((ErrorCodes.UnknownReference, 5), (error.Code, error.Location!.Line));
        Assert.Contains("unknown check 'multiple_of'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_kinds_of_one_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CheckCatalog.Default.With(Multiples with { Name = "unique" }));

        Assert.Contains("'unique'", error.Message, StringComparison.Ordinal);
    }

    private static Func<CheckSpec, Check>? ReadMultiples(CheckReading settings)
    {
        var of = settings.Long("of", required: true);
        if (of is <= 0)
        {
            settings.Error(ErrorCodes.InvalidValue, "'of' must be a positive whole number", "of");
            return null;
        }

        return of is { } divisor ? spec => new MultipleOfCheck(spec, divisor) : null;
    }

    private sealed class MultipleOfCheck(CheckSpec spec, long divisor) : ColumnMapCheck(spec)
    {
        public override string Description => string.Create(CultureInfo.InvariantCulture, $"values of '{ColumnName}' are multiples of {divisor}");

        protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
        {
            var numbers = batch.Numbers(column);
            for (var i = 0; i < unexpected.Length; i++)
            {
                unexpected[i] = !missing[i] && !(numbers.IsNumber[i] && numbers.Values[i] % divisor == 0);
            }
        }
    }
}
