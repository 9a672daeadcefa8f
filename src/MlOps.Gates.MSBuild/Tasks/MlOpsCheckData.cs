using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlOps.Gates.Tasks;

/// <summary>Checks data files with a suite (<c>mlops-gates check</c>): a YAML suite or a Great Expectations JSON suite.</summary>
public sealed class MlOpsCheckData : MlOpsGatesTask
{
    /// <summary>The data files: CSV, TSV or Parquet; each is a gate of its own.</summary>
    [Required]
    public ITaskItem[] Data { get; set; } = [];

    [Required]
    public string Suite { get; set; } = string.Empty;

    /// <summary>A cell text read as missing, repeatable (default: the empty cell).</summary>
    public string[]? NullValues { get; set; }

    public string? Delimiter { get; set; }

    protected override void AddCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("check");
        foreach (var data in Data)
        {
            AppendArgument(builder, data.GetMetadata("FullPath"));
        }

        builder.AppendSwitchIfNotNull("--suite ", Suite);
        builder.AppendSwitchIfNotNull("--delimiter ", Given(Delimiter));
        AppendEach(builder, "--null-value", NullValues);
    }
}
