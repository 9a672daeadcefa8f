namespace MlOps.Gates.MSBuild.Tests.Runner;

/// <summary>What a simulated job did: whether it succeeded, its log, its outputs, and the files a runner gives each job.</summary>
public sealed record JobRun(bool Succeeded, string Log, IReadOnlyDictionary<string, string> Outputs, string Summary);
