using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>
/// Points an alias at a version if the alias's promotion policy allows it (<c>mlops-gates registry promote</c>): the
/// version named, or the one that holds <see cref="Model"/>'s bytes. Version and Alias are set.
/// </summary>
public sealed class MlOpsPromoteModel : MlOpsGatesTask
{
    [Required]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string To { get; set; } = string.Empty;

    /// <summary>The model file whose registered version to promote, when <see cref="MlOpsGatesTask.Version"/> is not given.</summary>
    public string? Model { get; set; }

    public string? Reason { get; set; }

    /// <summary>A local registry folder, instead of the gates file's.</summary>
    public string? Registry { get; set; }

    protected override bool Judges => false;

    protected override bool ValidateParameters()
    {
        if (string.IsNullOrEmpty(Model) == string.IsNullOrEmpty(Version))
        {
            Refuse("MLG0001", "MlOpsPromoteModel takes Version or Model (the file whose version to promote), one of the two.");
            return false;
        }

        return base.ValidateParameters();
    }

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("registry promote");
        AppendArgument(builder, Name);
        AppendArgument(builder, Given(Version));
        builder.AppendSwitchIfNotNull("--artifact ", Given(Model));
        builder.AppendSwitchIfNotNull("--to ", To);
        builder.AppendSwitchIfNotNull("--reason ", Given(Reason));
        AppendRegistry(builder, ConfigFile, Registry);
    }

    internal static void AppendRegistry(CommandLineBuilder builder, string? configFile, string? registry)
    {
        builder.AppendSwitchIfNotNull("--config ", Given(configFile));
        builder.AppendSwitchIfNotNull("--registry ", registry is { Length: > 0 } ? Path.GetFullPath(registry) : null);
    }
}
