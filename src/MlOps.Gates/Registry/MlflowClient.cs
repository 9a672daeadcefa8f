using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Registry;

/// <summary>
/// The slice of MLflow's REST API (<c>/api/2.0/mlflow/...</c>) a model registry needs, with basic or bearer
/// authentication from the usual variables, chosen as MLflow's client chooses. Errors come back as <see cref="MlflowException"/> with MLflow's error code.
/// </summary>
internal sealed class MlflowClient : IDisposable
{
    private readonly HttpClient _http;

    public MlflowClient(MlflowSettings settings, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(settings.TrackingUri.TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromSeconds(60);
        // As MLflow's own client decides (mlflow/utils/rest_utils.py, http_request): Basic only when both the user
        // name and the password are set, else Bearer when a token is.
        if (settings.Username is { Length: > 0 } user && settings.Password is { Length: > 0 } password)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
        }
        else if (settings.Token is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public JsonObject Get(string path, params (string Key, string Value)[] query) => Send(HttpMethod.Get, path + Query(query), null);

    public JsonObject Post(string path, JsonObject body) => Send(HttpMethod.Post, path, body);

    /// <summary>MLflow reads a DELETE's parameters from its JSON body, as a POST's (mlflow/server/handlers.py, _get_request_message).</summary>
    public JsonObject Delete(string path, JsonObject body) => Send(HttpMethod.Delete, path, body);

    /// <summary>Every item of a paged search: follows <c>next_page_token</c> until the server has no more.</summary>
    public IEnumerable<JsonObject> Search(string path, string itemsKey, params (string Key, string Value)[] query)
    {
        string? token = null;
        do
        {
            var page = Get(path, [.. query, ("max_results", "100"), .. token is null ? Array.Empty<(string, string)>() : [("page_token", token)]]);
            foreach (var item in page[itemsKey]?.AsArray() ?? [])
            {
                if (item is JsonObject obj)
                {
                    yield return obj;
                }
            }

            token = page["next_page_token"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
    }

    /// <summary>Uploads a file through the server's artifact proxy (<c>/api/2.0/mlflow-artifacts/artifacts/PATH</c>).</summary>
    public void PutArtifact(string path, string file)
    {
        using var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, ArtifactUrl(path)) { Content = content };
        using var response = SendRaw(request);
        ThrowIfFailed(response, path);
    }

    /// <summary>Downloads a file through the server's artifact proxy into a stream.</summary>
    public void GetArtifact(string path, Stream destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ArtifactUrl(path));
        using var response = SendRaw(request);
        ThrowIfFailed(response, path);
        response.Content.ReadAsStream().CopyTo(destination);
    }

    public void Dispose() => _http.Dispose();

    private static string ArtifactUrl(string path) =>
        "api/2.0/mlflow-artifacts/artifacts/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

    private HttpResponseMessage SendRaw(HttpRequestMessage request)
    {
        try
        {
            return _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow server at {_http.BaseAddress} cannot be reached: {e.Message}", null, e);
        }
    }

    private static void ThrowIfFailed(HttpResponseMessage response, string path)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        JsonObject? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var code = json?["error_code"]?.GetValue<string>() ?? $"HTTP_{(int)response.StatusCode}";
        var message = json?["message"]?.GetValue<string>() ?? $"{response.ReasonPhrase ?? "error"} for artifact {path}";
        throw new MlflowException(code, message, (int)response.StatusCode);
    }

    private JsonObject Send(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, "api/2.0/mlflow/" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow server at {_http.BaseAddress} cannot be reached: {e.Message}", null, e);
        }

        using (response)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            JsonObject? json = null;
            try
            {
                json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = json?["error_code"]?.GetValue<string>() ?? $"HTTP_{(int)response.StatusCode}";
                var message = json?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "error";
                throw new MlflowException(code, message, (int)response.StatusCode);
            }

            return json ?? throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow server at {_http.BaseAddress} answered {path} with something that is not JSON");
        }
    }

    private static string Query((string Key, string Value)[] query) =>
        query.Length == 0 ? string.Empty : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
}
