namespace MlOps.Gates;

/// <summary>A code and what it means, for the README's table and the help a finding links to.</summary>
public sealed record ErrorCode(string Code, string Meaning);
