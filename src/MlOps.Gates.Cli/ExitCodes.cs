namespace MlOps.Gates.Cli;

/// <summary>The exit codes: what a script or MSBuild decides by.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int GateFailed = 1;
    public const int BadInput = 2;

    /// <summary>A bug in mlops-gates itself (MLG9001): never the user's input or surroundings.</summary>
    public const int InternalError = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM; the previous reports and the registry are as they were.</summary>
    public const int Cancelled = 130;
}
