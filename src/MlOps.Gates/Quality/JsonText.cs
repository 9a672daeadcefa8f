using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Quality;

/// <summary>A cell read as JSON, as Python's <c>json.loads</c> reads it: one value, whitespace around it allowed.</summary>
internal static class JsonText
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Whether the text is one JSON document; <paramref name="value"/> is null for JSON's <c>null</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out JsonNode? value)
    {
        try
        {
            value = JsonNode.Parse(text.ToString(), null, Options);
            return true;
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }
}
