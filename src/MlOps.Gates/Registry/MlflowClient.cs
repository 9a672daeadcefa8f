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
    /// <summary>Answers MLflow's client retries (mlflow/utils/request_utils.py): timeout, too many requests, server errors.</summary>
    private static readonly int[] Transient = [408, 429, 500, 502, 503, 504];

    private readonly HttpClient _http;
    private readonly MlflowSettings _settings;

    public MlflowClient(MlflowSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = settings.Timeout });
        _http.BaseAddress = new Uri(settings.TrackingUri.TrimEnd('/') + "/");

        // Each request gets its own deadline below; one for the client as a whole would cut a large upload.
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
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
    public void PutArtifact(string path, string file) => Put(path, () => new StreamContent(File.OpenRead(file)));

    /// <summary>Uploads a small text file (an MLmodel) through the server's artifact proxy.</summary>
    public void PutArtifactText(string path, string text) => Put(path, () => new ByteArrayContent(Encoding.UTF8.GetBytes(text)));

    private void Put(string path, Func<HttpContent> body)
    {
        using var response = SendWithRetries(
            () =>
            {
                var content = body();
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return new HttpRequestMessage(HttpMethod.Put, ArtifactUrl(path)) { Content = content };
            },
            Deadline.None);
        ThrowIfFailed(response, path);
    }

    /// <summary>Downloads a file through the server's artifact proxy into a stream.</summary>
    public void GetArtifact(string path, Stream destination)
    {
        // A missing file is a 500 from the artifact proxy (see MlflowArtifacts): retrying it would only wait longer.
        using var response = SendWithRetries(() => new HttpRequestMessage(HttpMethod.Get, ArtifactUrl(path)), Deadline.Headers, retry500: false);
        ThrowIfFailed(response, path);
        response.Content.ReadAsStream().CopyTo(destination);
    }

    public void Dispose() => _http.Dispose();

    private static string ArtifactUrl(string path) =>
        "api/2.0/mlflow-artifacts/artifacts/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));

    /// <summary>
    /// Sends a request made afresh for each attempt, retrying as MLflow's client does: a refused or dropped connection,
    /// a request past its deadline, and the answers in <see cref="Transient"/>, up to <see cref="MlflowSettings.MaxRetries"/>
    /// times, waiting the answer's Retry-After or else the backoff factor doubled each time. The last answer, whatever
    /// it is, goes back to the caller; a connection that never succeeds is the registry being unavailable.
    /// </summary>
    private HttpResponseMessage SendWithRetries(Func<HttpRequestMessage> create, Deadline deadline, bool retry500 = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            using var timeout = deadline == Deadline.None ? new CancellationTokenSource() : new CancellationTokenSource(_settings.Timeout);
            HttpResponseMessage response;
            try
            {
                response = _http.Send(request, deadline == Deadline.Whole ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
                if (attempt < _settings.MaxRetries)
                {
                    Thread.Sleep(Backoff(attempt, null));
                    continue;
                }

                var why = e is OperationCanceledException ? $"no answer within {_settings.Timeout.TotalSeconds:0.#} s" : e.Message;
                throw new GatesInputException(ErrorCodes.RegistryUnavailable, $"the MLflow server at {_http.BaseAddress} cannot be reached ({attempt + 1} attempts): {why}", null, e);
            }

            var status = (int)response.StatusCode;
            if (!Transient.Contains(status) || (status == 500 && !retry500) || attempt >= _settings.MaxRetries)
            {
                return response;
            }

            var wait = Backoff(attempt, response.Headers.RetryAfter);
            response.Dispose();
            Thread.Sleep(wait);
        }
    }

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var backoff = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(_settings.BackoffFactor * Math.Pow(2, attempt)));
        return backoff < TimeSpan.Zero ? TimeSpan.Zero : backoff > _settings.MaxBackoff ? _settings.MaxBackoff : backoff;
    }

    /// <summary>What a request's deadline covers: all of it (API calls), the wait for the answer's headers (downloads), or nothing but the connection (uploads).</summary>
    private enum Deadline
    {
        Whole,
        Headers,
        None,
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
        var payload = body?.ToJsonString();
        var response = SendWithRetries(
            () => new HttpRequestMessage(method, "api/2.0/mlflow/" + path) { Content = payload is null ? null : new StringContent(payload, Encoding.UTF8, "application/json") },
            Deadline.Whole);
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
