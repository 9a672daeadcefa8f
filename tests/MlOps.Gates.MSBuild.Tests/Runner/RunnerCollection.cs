namespace MlOps.Gates.MSBuild.Tests.Runner;

/// <summary>The tests that run the action and the workflows share one copy of the repository and one cache store.</summary>
[CollectionDefinition(Name)]
public sealed class RunnerCollection : ICollectionFixture<RepositoryCopy>
{
    public const string Name = "simulated runner";
}
