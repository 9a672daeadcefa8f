using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOps.Gates.Tests;

/// <summary>
/// An HTTP server on a free local port that answers JSON, for the servers standing in for MLflow and GitHub in tests:
/// it records every request and hands each, one at a time, to the subclass.
/// </summary>
public abstract class JsonTestServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Lock _gate = new();

    protected JsonTestServer()
    {
        (_listener, BaseUrl) = Start();
        _ = Task.Run(Serve);
    }

    /// <summary>The server's address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public List<(string Method, string Path, string Body, string? Authorization)> Requests { get; } = [];

    private readonly Queue<(int Status, string? RetryAfter)> _failures = new();

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> (and a Retry-After header when given) instead of an answer, as a proxy in front of a busy server gives.</summary>
    public void FailNext(int count, int status, string? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue((status, retryAfter));
            }
        }
    }

    /// <summary>How long the server waits before answering a request of this method and path: a slow server.</summary>
    public Func<string, string, TimeSpan> Delay { get; set; } = (_, _) => TimeSpan.Zero;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    /// <summary>Answers one request with a status and a JSON body; called under the server's lock.</summary>
    protected abstract (int Status, JsonNode Body) Handle(string method, string path, NameValueCollection query, JsonObject? body);

    /// <summary>
    /// Answers a request before <see cref="Handle"/> sees it (a file upload or download, a refusal of credentials or of
    /// the content type), or returns null to leave it to <see cref="Handle"/>.
    /// </summary>
    protected virtual RawAnswer? HandleRaw(RawRequest request) => null;

    /// <summary>A listener on a free local port, and its address; other test servers start theirs here too.</summary>
    public static (HttpListener, string) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            // A port the system just handed out and took back is free, unlike a random one: parallel test
            // processes kept colliding on those.
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, $"http://127.0.0.1:{port}");
            }
            catch (Exception e) when (e is HttpListenerException or System.Net.Sockets.SocketException && attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var received = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(received);
            var url = context.Request.Url!;
            int status;
            byte[] bytes;
            var contentType = "application/json";
            if (Delay(context.Request.HttpMethod, url.AbsolutePath) is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            (int Status, string? RetryAfter)? failure = null;
            lock (_gate)
            {
                if (_failures.Count > 0)
                {
                    failure = _failures.Dequeue();
                    Requests.Add((context.Request.HttpMethod, url.AbsolutePath + url.Query, "(failed on purpose)", context.Request.Headers["Authorization"]));
                }
            }

            if (failure is { } f)
            {
                context.Response.StatusCode = f.Status;
                context.Response.ContentType = "text/plain";
                if (f.RetryAfter is not null)
                {
                    context.Response.AddHeader("Retry-After", f.RetryAfter);
                }

                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("busy, try again"));
                context.Response.Close();
                continue;
            }

            lock (_gate)
            {
                var raw = HandleRaw(new RawRequest(context.Request.HttpMethod, url.AbsolutePath, received.ToArray(), context.Request.Headers["Authorization"], context.Request.ContentType));
                var text = raw is null ? Encoding.UTF8.GetString(received.ToArray()) : $"({received.Length} bytes)";
                Requests.Add((context.Request.HttpMethod, url.AbsolutePath + url.Query, text, context.Request.Headers["Authorization"]));
                if (raw is { } answer)
                {
                    (status, bytes, contentType) = (answer.Status, answer.Body, answer.ContentType);
                    foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
                    {
                        context.Response.AddHeader(name, value);
                    }
                }
                else
                {
                    var (jsonStatus, response) = Handle(context.Request.HttpMethod, url.AbsolutePath, System.Web.HttpUtility.ParseQueryString(url.Query), text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
                    (status, bytes) = (jsonStatus, Encoding.UTF8.GetBytes(response.ToJsonString()));
                }
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
