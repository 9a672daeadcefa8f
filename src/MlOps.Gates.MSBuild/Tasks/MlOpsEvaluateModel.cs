using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>
/// Evaluates a model (ML.NET or ONNX, scored on <see cref="Data"/>) or a predictions file against metric thresholds and,
/// optionally, a baseline (<c>mlops-gates evaluate</c>).
/// </summary>
public sealed class MlOpsEvaluateModel : MlOpsGatesTask
{
    public string? Model { get; set; }

    public string? Predictions { get; set; }

    public string? Data { get; set; }

    [Required]
    public string Label { get; set; } = string.Empty;

    /// <summary>A model file scored on the same data, or a predictions file of the same rows.</summary>
    public string? Baseline { get; set; }

    /// <summary>Bars as METRIC=THRESHOLD: accuracy=0.8; the direction comes from the metric.</summary>
    public string[]? Metrics { get; set; }

    /// <summary>Every metric named must be no worse than the baseline by more than this.</summary>
    public string? NonInferiorityMargin { get; set; }

    protected override bool ValidateParameters()
    {
        if (string.IsNullOrEmpty(Model) == string.IsNullOrEmpty(Predictions))
        {
            Refuse("MLG0001", "MlOpsEvaluateModel takes Model (with Data) or Predictions, one of the two.");
            return false;
        }

        return base.ValidateParameters();
    }

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("evaluate");
        builder.AppendSwitchIfNotNull("--model ", Given(Model));
        builder.AppendSwitchIfNotNull("--predictions ", Given(Predictions));
        builder.AppendSwitchIfNotNull("--data ", Given(Data));
        builder.AppendSwitchIfNotNull("--label ", Label);
        builder.AppendSwitchIfNotNull("--baseline ", Given(Baseline));
        AppendEach(builder, "--metric", Metrics);
        builder.AppendSwitchIfNotNull("--non-inferiority-margin ", Given(NonInferiorityMargin));
    }
}
