namespace MlOps.Gates.Cli;

/// <summary>The exit codes: what a script or MSBuild decides by.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int GateFailed = 1;
    public const int BadInput = 2;
}
