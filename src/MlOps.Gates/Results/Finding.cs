namespace MlOps.Gates.Results;

/// <summary>One message for a person: what went wrong, where, and how much it matters.</summary>
/// <param name="Code">A stable code such as <c>MLG2005</c>; never starts with MSB.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">One line of text, no trailing period needed.</param>
/// <param name="Location">Where in a file, when there is one.</param>
/// <param name="Check">The id of the check that produced it, when one did.</param>
public sealed record Finding(string Code, Severity Severity, string Message, SourceLocation? Location = null, string? Check = null);
