using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Tests;

/// <summary>
/// The checks a real MLflow server (2.x and 3.x) makes on what it is sent, as the stand-in applies them: each names the
/// MLflow source file and function it follows. A check returns null when the value passes, else MLflow's message;
/// every refusal here is INVALID_PARAMETER_VALUE, answered 400.
/// </summary>
public static partial class MlflowRules
{
    /// <summary>mlflow/store/model_registry/__init__.py: SEARCH_REGISTERED_MODEL_MAX_RESULTS_THRESHOLD.</summary>
    public const int RegisteredModelsMaxResults = 1000;

    /// <summary>mlflow/store/model_registry/__init__.py: SEARCH_MODEL_VERSION_MAX_RESULTS_THRESHOLD.</summary>
    public const int ModelVersionsMaxResults = 200_000;

    /// <summary>mlflow/utils/validation.py: MAX_MODEL_REGISTRY_TAG_KEY_LENGTH and MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH.</summary>
    public const int TagKeyLimit = 250;

    public const int TagValueLimit = 5000;

    /// <summary>mlflow/utils/validation.py: MAX_REGISTERED_MODEL_ALIAS_LENGTH.</summary>
    public const int AliasLimit = 255;

    /// <summary>mlflow/utils/validation.py, _validate_model_alias_name (and _REGISTERED_MODEL_ALIAS_REGEX, _REGISTERED_MODEL_ALIAS_VERSION_REGEX).</summary>
    public static string? Alias(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            return "Registered model alias name cannot be empty.";
        }

        if (!AliasCharacters().IsMatch(alias))
        {
            return $"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).";
        }

        if (alias.Length > AliasLimit)
        {
            return $"'Registered model alias name' exceeds the maximum length of {AliasLimit} characters";
        }

        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return "'latest' alias name (case insensitive) is reserved.";
        }

        return VersionAlias().IsMatch(alias) ? $"Version alias name '{alias}' is reserved." : null;
    }

    /// <summary>
    /// mlflow/utils/validation.py, _validate_registered_model_tag and _validate_model_version_tag: the key through
    /// _validate_tag_name (validate_param_and_metric_name's characters, path_not_unique), then both lengths.
    /// </summary>
    public static string? Tag(string? key, string? value)
    {
        if (key is null)
        {
            return "Missing value for required parameter 'key'.";
        }

        if (!TagKeyCharacters().IsMatch(key))
        {
            return $"Invalid value \"{key}\" for parameter 'key' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).";
        }

        if (PathNotUnique(key))
        {
            return $"Invalid value \"{key}\" for parameter 'key' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such.";
        }

        if (key.Length > TagKeyLimit)
        {
            return $"'key' exceeds the maximum length of {TagKeyLimit} characters";
        }

        return value is { Length: > TagValueLimit } ? $"'value' exceeds the maximum length of {TagValueLimit} characters" : null;
    }

    /// <summary>mlflow/utils/validation.py, path_not_unique: a name that posixpath.normpath changes, or '.', '..' or absolute.</summary>
    public static bool PathNotUnique(string name)
    {
        var norm = NormPath(name);
        return norm != name || norm == "." || norm.StartsWith("..", StringComparison.Ordinal) || norm.StartsWith('/');
    }

    /// <summary>
    /// mlflow/server/handlers.py, _validate_source_run (2.x: _validate_source): a local source (no scheme, or file:
    /// without a remote host) is accepted only with a run whose artifact folder is local and holds it; any other source
    /// may not climb with '..' (_validate_non_local_source_contains_relative_paths).
    /// </summary>
    public static string? Source(string source, string? runArtifactUri)
    {
        if (IsLocal(source))
        {
            if (runArtifactUri is not null && IsLocal(runArtifactUri))
            {
                var root = LocalPath(runArtifactUri).TrimEnd('/');
                var path = NormPath(LocalPath(source));
                if (path == root || path.StartsWith(root + "/", StringComparison.Ordinal))
                {
                    return null;
                }
            }

            return $"Invalid model version source: '{source}'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.";
        }

        var decoded = Uri.UnescapeDataString(Uri.UnescapeDataString(source));
        return decoded.Split('/').Contains("..") ? $"Invalid model version source: '{source}'. If supplying a source as an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path." : null;
    }

    /// <summary>mlflow/utils/uri.py, is_local_uri: no scheme, or file: on no host or this one.</summary>
    public static bool IsLocal(string uri)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var slash = uri.IndexOf('/', StringComparison.Ordinal);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        if (!uri.StartsWith("file:", StringComparison.Ordinal))
        {
            return false;
        }

        var host = uri.StartsWith("file://", StringComparison.Ordinal) ? uri[7..].Split('/')[0] : string.Empty;
        return host.Length == 0 || host == "." || host.StartsWith("localhost", StringComparison.Ordinal) || host.StartsWith("127.0.0.1", StringComparison.Ordinal);
    }

    /// <summary>mlflow/utils/search_utils.py, SearchUtils.create_page_token: base64 of {"offset": N}.</summary>
    public static string PageToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));

    /// <summary>mlflow/utils/search_utils.py, SearchUtils.parse_start_offset_from_page_token: the offset, or MLflow's message.</summary>
    public static (int Offset, string? Error) Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (0, null);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            return (0, "Invalid page token, could not base64-decode");
        }

        try
        {
            var offset = JsonNode.Parse(decoded)?["offset"];
            return offset is not null && int.TryParse(offset.ToString(), out var value) && value != 0
                ? (value, null)
                : (0, $"Invalid page token, parsed value={decoded}");
        }
        catch (System.Text.Json.JsonException)
        {
            return (0, $"Invalid page token, decoded value={decoded}");
        }
    }

    /// <summary>mlflow/server/validation.py, _validate_content_type: a POST or PUT to the API must say it is JSON.</summary>
    public static string? ContentType(string method, string? contentType)
    {
        if (method is not ("POST" or "PUT"))
        {
            return null;
        }

        if (contentType is null)
        {
            return "Bad Request. Content-Type header is missing.";
        }

        return contentType.Split(';')[0].Trim() == "application/json" ? null : "Bad Request. Content-Type must be one of ['application/json'].";
    }

    private static string LocalPath(string uri) =>
        uri.StartsWith("file://", StringComparison.Ordinal) ? Uri.UnescapeDataString("/" + string.Join('/', uri[7..].Split('/').Skip(1)))
        : uri.StartsWith("file:", StringComparison.Ordinal) ? Uri.UnescapeDataString(uri[5..])
        : uri;

    /// <summary>posixpath.normpath.</summary>
    private static string NormPath(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !absolute)
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    [GeneratedRegex(@"^[\w\-]*$")]
    private static partial Regex AliasCharacters();

    [GeneratedRegex(@"^[vV]\d+$")]
    private static partial Regex VersionAlias();

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex TagKeyCharacters();
}
