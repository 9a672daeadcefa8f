using System.Net;
using System.Text;

namespace MlOps.Gates.GitHub.Tests;

/// <summary>
/// A loopback HTTP server that misbehaves on purpose: each request goes to a handler that may echo the request's
/// headers, send broken JSON, fail with 503 or never answer.
/// </summary>
internal sealed class HostileHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, int, Task> _handle;
    private int _requests;

    public HostileHttpServer(Func<HttpListenerContext, int, Task> handle)
    {
        _handle = handle;
        (_listener, BaseUrl) = MlOps.Gates.Tests.JsonTestServer.Start();
        _ = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    public string ApiUrl => BaseUrl + "/api/v3";

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    public static async Task Answer(HttpListenerContext context, int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
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

            var number = Interlocked.Increment(ref _requests);
            _ = Task.Run(async () =>
            {
                try
                {
                    await _handle(context, number);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
                {
                }
            });
        }
    }
}
