using MlOps.Gates.Results;
using Scriban;
using Scriban.Runtime;

namespace MlOps.Gates.Reporting;

/// <summary>
/// Renders a parsed Scriban template the way every template here is rendered: strict variables, no loop limit, and
/// never a value cut (Scriban cuts any value's text at 1 MiB by default, silently); errors become MLG8001 at the
/// template's line and column.
/// </summary>
internal static class TemplateRendering
{
    public static string Render(Template template, string origin, ScriptObject globals, ITemplateLoader? loader = null)
    {
        if (template.HasErrors)
        {
            var message = template.Messages[0];
            throw new GatesInputException(ErrorCodes.TemplateError, $"template {origin}: {message.Message}", new SourceLocation(origin, message.Span.Start.Line + 1, message.Span.Start.Column + 1));
        }

        var context = new TemplateContext
        {
            TemplateLoader = loader,
            LoopLimit = int.MaxValue,
            LimitToString = 0,
            StrictVariables = true,
            EnableRelaxedMemberAccess = true,
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new GatesInputException(ErrorCodes.TemplateError, $"template {origin}: {e.OriginalMessage}", new SourceLocation(origin, e.Span.Start.Line + 1, e.Span.Start.Column + 1), e);
        }
    }
}
