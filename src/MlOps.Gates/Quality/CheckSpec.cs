using MlOps.Gates.Results;

namespace MlOps.Gates.Quality;

/// <summary>What every check has, whatever its kind: identity, columns, severity, <c>mostly</c> and where it is declared.</summary>
public sealed record CheckSpec
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Code { get; init; }

    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>The share of non-missing values that must meet the expectation, in [0, 1]; null means all.</summary>
    public double? Mostly { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    public string? Note { get; init; }

    public SourceLocation? Location { get; init; }

    public string? Column => Columns.Count > 0 ? Columns[0] : null;
}
