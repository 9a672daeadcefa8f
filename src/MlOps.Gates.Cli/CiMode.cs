namespace MlOps.Gates.Cli;

/// <summary>Which CI the run reports to: none, GitHub Actions (annotations, summary, outputs, PR comment) or Azure Pipelines.</summary>
public enum CiMode
{
    None,
    GitHub,
    Azure,
}
