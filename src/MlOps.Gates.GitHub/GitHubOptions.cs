namespace MlOps.Gates.GitHub;

/// <summary>What the GitHub mode does besides annotations and the summary: the sticky comment, a check run, how many annotations.</summary>
public sealed record GitHubOptions(bool Comment = true, bool CheckRun = false, int Annotations = 10);
