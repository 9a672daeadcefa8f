using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>
/// Runs every gate of a gates file (<c>mlops-gates run</c>); with <see cref="Model"/> it registers the model once the
/// gates pass, and with <see cref="PromoteTo"/> promotes it too.
/// </summary>
public sealed class MlOpsRunGates : MlOpsGatesTask
{
    /// <summary>The stamp of the last passing run: when the inputs' content is unchanged, the gates are skipped.</summary>
    public string? Stamp { get; set; }

    /// <summary>The model file to register after the gates pass; its Name metadata names the model (default: registry.model).</summary>
    public ITaskItem? Model { get; set; }

    public string? PromoteTo { get; set; }

    /// <summary>Why, for the registry's audit log.</summary>
    public string? Reason { get; set; }

    protected override bool ValidateParameters()
    {
        if (string.IsNullOrEmpty(ConfigFile))
        {
            Refuse("MLG0003", "MlOpsRunGates needs ConfigFile, the gates file.");
            return false;
        }

        return base.ValidateParameters();
    }

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("run");
        builder.AppendSwitchIfNotNull("--config ", ConfigFile);
        builder.AppendSwitchIfNotNull("--stamp ", Stamp);
        if (Model is not null)
        {
            builder.AppendSwitchIfNotNull("--artifact ", Model.GetMetadata("FullPath"));
            var name = Model.GetMetadata("Name");
            builder.AppendSwitchIfNotNull("--register ", name.Length > 0 ? name : null);
            builder.AppendSwitchIfNotNull("--promote-to ", Given(PromoteTo));
            builder.AppendSwitchIfNotNull("--reason ", Given(Reason));
        }
    }
}
