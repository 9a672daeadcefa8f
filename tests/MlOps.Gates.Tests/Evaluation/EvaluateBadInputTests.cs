using MlOps.Gates.Config;
using MlOps.Gates.Results;
using MlOps.Gates.Running;

namespace MlOps.Gates.Tests;

/// <summary>Input an evaluation cannot use: each stops with a clear error, its code and the place, and no report.</summary>
public sealed class EvaluateBadInputTests(EvaluationModelsFixture models) : IClassFixture<EvaluationModelsFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GatesInputException Fails(string gate)
    {
        var config = _dir.Write("mlops-gates.yml", "allow_outside: true # the fixtures are beside the test binaries\ngates:\n" + gate);
        return Assert.Throws<GatesInputException>(() => new GateRunner().Run(GatesConfigLoader.Load(config)));
    }

    private static string ModelGate(string model, string data, string label = "Churned") => $"""
          - name: m
            type: evaluate
            model: {model}
            data: {data}
            label: {label}
            metrics:
              accuracy: 0.5
        """;

    private static string PredictionsGate(string file, string columns = "") => $"""
          - name: p
            type: evaluate
            predictions: {file}
            label: label
            {columns}
            metrics:
              accuracy: 0.5
        """;

    [Fact]
    public void A_corrupt_zip_is_not_a_loadable_model()
    {
        var bytes = File.ReadAllBytes(models.Good);
        var corrupt = _dir.WriteBytes("corrupt.zip", bytes[..(bytes.Length / 2)]);

        var error = Fails(ModelGate(corrupt, models.Holdout));

        Assert.Equal(ErrorCodes.BadModel, error.Errors[0].Code);
        Assert.Contains("corrupt.zip is not a loadable ML.NET model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_onnx_file_is_not_a_loadable_model()
    {
        var onnx = _dir.WriteBytes("broken.onnx", [1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Fails(ModelGate(onnx, models.Holdout));

        Assert.Equal(ErrorCodes.BadModel, error.Errors[0].Code);
    }

    [Fact]
    public void Data_without_a_column_the_model_needs_is_a_schema_mismatch_that_names_it()
    {
        var lines = File.ReadAllLines(models.Holdout).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 2)));
        var data = _dir.Write("no-calls.csv", string.Join('\n', lines) + "\n");

        var error = Fails(ModelGate(models.Good, data));

        Assert.Equal(ErrorCodes.SchemaMismatch, error.Errors[0].Code);
        Assert.Contains("Calls", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-calls.csv does not fit the input schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_a_column_the_model_reads_as_a_number_is_pointed_at()
    {
        var lines = File.ReadAllLines(models.Holdout);
        lines[5] = "abc" + lines[5][lines[5].IndexOf(',', StringComparison.Ordinal)..];
        var data = _dir.Write("text.csv", string.Join('\n', lines) + "\n");

        var error = Fails(ModelGate(models.Good, data));

        Assert.Equal(ErrorCodes.SchemaMismatch, error.Errors[0].Code);
        Assert.Equal(new SourceLocation("text.csv", 6, 1), error.Errors[0].Location! with { File = Path.GetFileName(error.Errors[0].Location!.File) });
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_outside_the_models_classes_is_pointed_at()
    {
        var lines = File.ReadAllLines(models.Holdout);
        lines[7] = lines[7][..lines[7].LastIndexOf(',')] + ",platinum";
        var data = _dir.Write("tiers.csv", string.Join('\n', lines) + "\n");

        var error = Fails(ModelGate(models.Tiers, data, "Tier"));

        Assert.Equal(ErrorCodes.UnknownClass, error.Errors[0].Code);
        Assert.Contains("'platinum' is not one of the model's classes", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.Errors[0].Location!.Line);
    }

    [Fact]
    public void A_binary_label_that_is_neither_class_is_pointed_at()
    {
        var file = _dir.Write("p.csv", "label,predicted\n1,1\n0,0\n2,1\n");

        var error = Fails(PredictionsGate(file, "task: binary"));

        Assert.Equal(ErrorCodes.UnknownClass, error.Errors[0].Code);
        Assert.Equal((4, 1), (error.Errors[0].Location!.Line, error.Errors[0].Location!.Column));
        Assert.Contains("'2' is neither 1 nor 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2", "is outside [0, 1]")]
    [InlineData("-0.1", "is outside [0, 1]")]
    [InlineData("NaN", "is not a finite number")]
    [InlineData("high", "is not a number")]
    public void A_bad_probability_is_pointed_at(string value, string problem)
    {
        var file = _dir.Write("p.csv", $"label,probability\n1,0.9\n0,0.2\n1,{value}\n");

        var error = Fails(PredictionsGate(file));

        Assert.Equal(ErrorCodes.BadPrediction, error.Errors[0].Code);
        Assert.Equal((4, 3), (error.Errors[0].Location!.Line, error.Errors[0].Location!.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_score_is_an_error_even_where_scores_need_not_be_probabilities()
    {
        var file = _dir.Write("p.csv", "label,score\n1,3.5\n0,-2\n1,NaN\n");

        var error = Fails(PredictionsGate(file));

        Assert.Equal(ErrorCodes.BadPrediction, error.Errors[0].Code);
        Assert.Contains("the score ('score') NaN is not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_label_is_an_error()
    {
        var file = _dir.Write("p.csv", "label,predicted\n1,1\n,0\n");

        var error = Fails(PredictionsGate(file));

        Assert.Equal(ErrorCodes.BadPrediction, error.Errors[0].Code);
        Assert.Contains("the label ('label') is missing in data row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_of_other_rows_cannot_be_compared()
    {
        var file = _dir.Write("p.csv", "label,predicted\n1,1\n0,0\n1,0\n");
        var other = _dir.Write("b.csv", "label,predicted\n1,1\n0,0\n");

        var error = Fails(PredictionsGate(file, $"baseline: {other}"));

        Assert.Equal(ErrorCodes.RowsDoNotAlign, error.Errors[0].Code);
    }

    [Fact]
    public void Gates_file_mistakes_are_reported_at_their_line()
    {
        var config = _dir.Write("mlops-gates.yml", $"""
            gates:
              - name: m
                type: evaluate
                model: {models.Good}
                data: {models.Holdout}
                label: Churned
                require_significant: 2
                metrics:
                  accuracy: {"{"} treshold: 0.8 {"}"}
                  f1: high
            """);

        var error = Assert.Throws<GatesInputException>(() => GatesConfigLoader.Load(config));

        Assert.Contains(error.Errors, e => e.Code == ErrorCodes.InvalidValue && e.Location!.Line == 7);
        Assert.Contains(error.Errors, e => e.Code == ErrorCodes.UnknownKey && e.Message.Contains("did you mean 'threshold'?", StringComparison.Ordinal) && e.Location!.Line == 9);
        Assert.Contains(error.Errors, e => e.Code == ErrorCodes.WrongType && e.Location!.Line == 10);
    }

    [Fact]
    public void A_registry_baseline_without_a_registry_section_says_so()
    {
        var file = _dir.Write("p.csv", "label,predicted\n1,1\n0,0\n");

        var error = Fails(PredictionsGate(file, "baseline: registry:churn@production"));

        Assert.Contains("needs a 'registry' section in the gates file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_told_from_its_labels_still_points_at_a_prediction_that_is_not_a_number()
    {
        var rows = Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{i * 1.5},{(i == 17 ? "NaN" : (i * 1.4).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        var file = _dir.Write("p.csv", "label,predicted\n" + string.Join('\n', rows) + "\n");

        var error = Fails(PredictionsGate(file).Replace("accuracy: 0.5", "rmse: 10", StringComparison.Ordinal));

        Assert.Equal(ErrorCodes.BadPrediction, error.Errors[0].Code);
        Assert.Equal((19, 6), (error.Errors[0].Location!.Line, error.Errors[0].Location!.Column));
        Assert.Contains("the predicted label ('predicted') 'NaN' is not a finite number", error.Message, StringComparison.Ordinal);
    }
}
