using System.Net;

namespace MlOps.Gates.GitHub;

/// <summary>
/// Calls to GitHub are best-effort and bounded: each attempt has its own timeout, and a 5xx, 429 or a dropped
/// connection is retried with backoff, honouring Retry-After up to a ceiling, so a slow or broken API costs the job
/// seconds, never its verdict.
/// </summary>
public sealed class RetryingHandler(HttpMessageHandler inner, TimeSpan attemptTimeout, int attempts = 3) : DelegatingHandler(inner)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>The first backoff; each later one doubles. Tests shorten it.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            HttpResponseMessage? response = null;
            TimeSpan? retryAfter = null;
            try
            {
                response = await base.SendAsync(Copy(request, body), timeout.Token).ConfigureAwait(false);
                if (!ShouldRetry(response.StatusCode) || attempt >= attempts)
                {
                    // The body is read (and buffered) here, within this attempt's time: a server that sends headers and
                    // then stalls is cut off like one that never answers.
                    await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                    return response;
                }

                retryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
                response.Dispose();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
            {
                response?.Dispose();
                if (attempt >= attempts)
                {
                    throw new HttpRequestException(e is OperationCanceledException
                        ? $"{request.Method} {request.RequestUri?.AbsolutePath} got no answer within {attemptTimeout.TotalSeconds:0} s ({attempts} attempts)"
                        : $"{request.Method} {request.RequestUri?.AbsolutePath} failed {attempts} times: {e.Message}", e);
                }
            }

            var wait = retryAfter is { } asked && asked > TimeSpan.Zero
                ? (asked < MaxRetryAfter ? asked : MaxRetryAfter)
                : Backoff * (1 << (attempt - 1));
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool ShouldRetry(HttpStatusCode status) => (int)status is 429 or >= 500;

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
