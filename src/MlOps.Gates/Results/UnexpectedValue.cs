namespace MlOps.Gates.Results;

/// <summary>A value a check did not expect, with the data row (1-based, header excluded) and its place in the file.</summary>
public sealed record UnexpectedValue(string? Value, long Row, SourceLocation? Location);
