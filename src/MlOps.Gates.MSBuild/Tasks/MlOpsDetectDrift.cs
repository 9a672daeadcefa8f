using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>Tests every column of the current data for drift from the reference (<c>mlops-gates drift</c>).</summary>
public sealed class MlOpsDetectDrift : MlOpsGatesTask
{
    [Required]
    public string Reference { get; set; } = string.Empty;

    [Required]
    public string Current { get; set; } = string.Empty;

    /// <summary>A model that scores both datasets, so its predictions are tested too.</summary>
    public string? Model { get; set; }

    /// <summary>Columns not to test, such as ids.</summary>
    public string[]? Exclude { get; set; }

    /// <summary>auto (default) or a test for every column: ks, psi, wasserstein, ...</summary>
    public string? StatTest { get; set; }

    public string? Threshold { get; set; }

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("drift");
        builder.AppendSwitchIfNotNull("--reference ", Reference);
        builder.AppendSwitchIfNotNull("--current ", Current);
        builder.AppendSwitchIfNotNull("--model ", Given(Model));
        AppendEach(builder, "--exclude", Exclude);
        builder.AppendSwitchIfNotNull("--stattest ", Given(StatTest));
        builder.AppendSwitchIfNotNull("--threshold ", Given(Threshold));
    }
}
