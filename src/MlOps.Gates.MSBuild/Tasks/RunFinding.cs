namespace MlOps.Gates.Tasks;

/// <summary>One finding as the CLI reported it; line and column are 0 when unknown.</summary>
public sealed class RunFinding(bool isError, string code, string file, int line, int column, int endLine, int endColumn, string message, string helpLink)
{
    public bool IsError { get; } = isError;

    public string Code { get; } = code;

    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public int EndLine { get; } = endLine;

    public int EndColumn { get; } = endColumn;

    public string Message { get; } = message;

    public string HelpLink { get; } = helpLink;
}
