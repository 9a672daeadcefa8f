using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>Registers a model file as the model's next version (<c>mlops-gates registry register</c>); Version is set.</summary>
public sealed class MlOpsRegisterModel : MlOpsGatesTask
{
    [Required]
    public string Model { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>A report.json whose gate results the version records; a report of failed gates is refused.</summary>
    public string? Report { get; set; }

    /// <summary>A local registry folder, instead of the gates file's.</summary>
    public string? Registry { get; set; }

    public string? Description { get; set; }

    protected override bool Judges => false;

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("registry register");
        AppendArgument(builder, Name);
        builder.AppendSwitchIfNotNull("--artifact ", Model);
        builder.AppendSwitchIfNotNull("--report ", Given(Report));
        builder.AppendSwitchIfNotNull("--description ", Given(Description));
        MlOpsPromoteModel.AppendRegistry(builder, ConfigFile, Registry);
    }
}
