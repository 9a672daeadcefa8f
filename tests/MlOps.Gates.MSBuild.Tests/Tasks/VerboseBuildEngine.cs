using System.Collections;
using Microsoft.Build.Framework;

namespace MlOps.Gates.MSBuild.Tests.Tasks;

/// <summary>A build engine whose loggers show messages down to a given importance, as `-v:detailed` does.</summary>
public sealed class VerboseBuildEngine(MessageImportance lowestShown) : FakeBuildEngine, IBuildEngine10
{
    public bool IsRunningMultipleNodes => false;

    public EngineServices EngineServices { get; } = new Services(lowestShown);

    public bool AllowFailureWithoutError { get; set; }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => throw new NotSupportedException();

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => throw new NotSupportedException();

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => throw new NotSupportedException();

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => throw new NotSupportedException();

    public object GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => throw new NotSupportedException();

    public object UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => throw new NotSupportedException();

    public void LogTelemetry(string eventName, IDictionary<string, string> properties)
    {
    }

    public IReadOnlyDictionary<string, string> GetGlobalProperties() => new Dictionary<string, string>();

    public int RequestCores(int requestedCores) => 1;

    public void ReleaseCores(int coresToRelease)
    {
    }

    public bool ShouldTreatWarningAsError(string warningCode) => false;

    private sealed class Services(MessageImportance lowestShown) : EngineServices
    {
        public override bool LogsMessagesOfImportance(MessageImportance importance) => importance <= lowestShown;
    }
}
