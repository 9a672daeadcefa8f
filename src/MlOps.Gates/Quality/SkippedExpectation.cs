using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>An expectation a suite names that this version does not implement, skipped with a warning (<c>unsupported: warn</c>).</summary>
public sealed record SkippedExpectation(string Type, SourceLocation? Location);
