using System.Text.RegularExpressions;

namespace MlOps.Gates;

/// <summary>
/// Removes secrets from text that came from a server or an exception before it is printed: the tokens we sent, and
/// anything shaped like a credential (GitHub tokens, Authorization header values, user:password in URLs), since a
/// server may echo a request's headers in its error body.
/// </summary>
public static partial class Secrets
{
    public const string Mask = "***";

    public static string Scrub(string? text, params string?[] known)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in known)
        {
            if (secret is { Length: >= 4 })
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = AuthorizationValue().Replace(text, m => m.Groups["name"].Value + Mask);
        text = GitHubToken().Replace(text, Mask);
        text = UrlPassword().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        return text;
    }

    [GeneratedRegex(@"(?<name>\b(?:authorization|proxy-authorization|x-api-key|api[-_]?key|access[-_]?token|token|password|secret)[""']?\s*[:=]\s*[""']?(?:(?:bearer|basic|token)\s+)?)[^\s""',;}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"\b(?:(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}|(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]{10,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]*://)[^\s/@:]+:[^\s/@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();
}
