using MlOps.Gates.Results;

namespace MlOps.Gates;

/// <summary>
/// Input MlOps.Gates cannot work with: a bad gates file, a malformed or missing data file, a broken template.
/// Front ends report each error with its code and location and exit with code 2; nothing is written.
/// </summary>
public sealed class GatesInputException : Exception
{
    public GatesInputException(IReadOnlyList<Finding> errors)
        : base(errors.Count > 0 ? errors[0].Message : "invalid input")
    {
        Errors = errors;
    }

    public GatesInputException(string code, string message, SourceLocation? location = null, Exception? inner = null)
        : base(message, inner)
    {
        Errors = [new Finding(code, Severity.Error, message, location)];
    }

    public IReadOnlyList<Finding> Errors { get; }
}
