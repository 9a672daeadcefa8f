namespace MlOps.Gates.Tests;

/// <summary>An answer a test server gives as bytes: a file, an HTML error page, a plain-text refusal.</summary>
public sealed record RawAnswer(int Status, byte[] Body, string ContentType = "application/octet-stream", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static RawAnswer Text(int status, string text, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", headers);
}
