namespace MlOps.Gates.Cli.Tests;

/// <summary>
/// Tests that run the command line from their own folder set the process's current directory, which every test shares:
/// they run in this collection, one at a time and apart from all others, so none restores a folder another has deleted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryCollection
{
    public const string Name = "current directory";
}
