using System.Text.RegularExpressions;

namespace MlOps.Gates.MSBuild.Tests.Runner;

/// <summary>
/// GitHub's <c>${{ }}</c> expressions, the part the action and the sample workflows use: context values, quoted
/// literals, == and !=, &amp;&amp; and ||, and the status functions. Anything else throws, so a workflow that starts
/// using more is noticed here instead of being run wrongly.
/// </summary>
internal static partial class Expressions
{
    public static string Expand(string text, Func<string, string> value) =>
        Placeholder().Replace(text, m => Operand(m.Groups[1].Value.Trim(), value));

    /// <summary>An <c>if:</c>: without a status function it holds only while no step has failed, as on GitHub.</summary>
    public static bool Holds(string? condition, Func<string, string> value, bool failed)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return !failed;
        }

        var text = condition.Trim();
        if (text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            text = text[3..^2].Trim();
        }

        var result = text.Split("||").Any(any => any.Split("&&").All(all => Term(all.Trim(), value, failed)));
        return StatusFunction().IsMatch(text) ? result : result && !failed;
    }

    private static bool Term(string term, Func<string, string> value, bool failed)
    {
        switch (term)
        {
            case "always()":
                return true;
            case "success()":
                return !failed;
            case "failure()":
                return failed;
        }

        if (Comparison().Match(term) is { Success: true } comparison)
        {
            var equal = string.Equals(Operand(comparison.Groups[1].Value, value), Operand(comparison.Groups[3].Value, value), StringComparison.OrdinalIgnoreCase);
            return comparison.Groups[2].Value == "==" ? equal : !equal;
        }

        var single = Operand(term, value);
        return single.Length > 0 && single != "false" && single != "0";
    }

    private static string Operand(string operand, Func<string, string> value)
    {
        operand = operand.Trim();
        if (operand.Length >= 2 && operand[0] == '\'' && operand[^1] == '\'')
        {
            return operand[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        return ContextPath().IsMatch(operand)
            ? value(operand)
            : throw new NotSupportedException($"the runner stand-in does not evaluate '{operand}'");
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(.+?)\s*(==|!=)\s*(.+)$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex ContextPath();

    [GeneratedRegex(@"\b(always|success|failure|cancelled)\(\)")]
    private static partial Regex StatusFunction();
}
