namespace MlOps.Gates.Cli;

/// <summary>How findings are printed: for people, or for MSBuild's canonical error parser with full paths.</summary>
public enum LogFormat
{
    Text,
    MSBuild,
}
