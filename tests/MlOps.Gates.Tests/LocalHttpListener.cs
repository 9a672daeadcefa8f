using System.Net;

namespace MlOps.Gates.Tests;

/// <summary>An HTTP listener on a free local port, for the servers that stand in for MLflow and GitHub in tests.</summary>
internal static class LocalHttpListener
{
    public static (HttpListener Listener, string BaseUrl) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 60_000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, $"http://127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }
}
