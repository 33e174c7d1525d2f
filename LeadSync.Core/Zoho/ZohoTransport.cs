using System.Diagnostics;
using System.Globalization;
using System.Net;
using Flurl.Http;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The HTTP exchange with Zoho over Flurl, on its own HttpClient (no IHttpClientFactory logging handlers, so no URL or
/// header is logged by the framework). Any status is returned as is; transport failures (timeouts, refused or reset
/// connections, lost responses) become transient <see cref="ZohoApiException"/>s.
/// </summary>
internal sealed partial class ZohoTransport : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly FlurlClient flurl;

    public ZohoTransport()
    {
        httpClient = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        flurl = new FlurlClient(httpClient);
    }

    /// <summary>Sends one request; the body is read before returning.</summary>
    public async Task<ZohoResponse> SendAsync(ZohoHttpRequest call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var body = call.Content();
            using var response = await Request(call).SendAsync(call.Method, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (call.BinaryAnswer && response.StatusCode is >= 200 and < 300)
            {
                return new ZohoResponse(response.StatusCode, "", CreditsRemaining(response), Stopwatch.GetElapsedTime(started))
                {
                    ServerDate = response.ResponseMessage.Headers.Date,
                    Bytes = await response.GetBytesAsync(),
                };
            }

            // Read as UTF-8 into a pooled buffer, not as a string (ZohoResponse); the content's own buffer goes back
            // to its pool when the response is disposed.
            var content = response.ResponseMessage.Content;
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            return await ZohoResponse.ReadAsync(
                response.StatusCode, stream, content.Headers.ContentLength, CreditsRemaining(response), () => Stopwatch.GetElapsedTime(started),
                response.ResponseMessage.Headers.Date, cancellationToken);
        }
        catch (Exception ex) when (Failure(ex, call, started, download: false, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The Flurl request for <paramref name="call"/>: its URL, headers and timeout, any status accepted.</summary>
    private IFlurlRequest Request(ZohoHttpRequest call)
    {
        var request = flurl.Request(call.Url).AllowAnyHttpStatus().WithTimeout(call.Timeout);
        foreach (var (name, value) in call.Headers)
        {
            request = request.WithHeader(name, value);
        }

        return request;
    }

    /// <summary>Zoho's <c>X-API-CREDITS-REMAINING</c> header (§4.3), when sent.</summary>
    private static int? CreditsRemaining(IFlurlResponse response) =>
        response.Headers.TryGetFirst("X-API-CREDITS-REMAINING", out var credits)
        && int.TryParse(credits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;

    /// <summary>
    /// What a transport failure means, for calls and downloads alike: the caller's cancellation stays a cancellation;
    /// a timeout, a refused or reset connection or a lost response becomes a transient <see cref="ZohoTransportException"/>;
    /// anything else (null) is not a transport failure and propagates as is.
    /// </summary>
    private static Exception? Failure(Exception ex, ZohoHttpRequest call, long started, bool download, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        return ex switch
        {
            OperationCanceledException or FlurlHttpException when cancellationToken.IsCancellationRequested =>
                new OperationCanceledException(download ? "The Zoho download was cancelled." : "The Zoho call was cancelled.", ex, cancellationToken),
            FlurlHttpTimeoutException => new ZohoTransportException("TIMEOUT", download
                ? $"Zoho's download did not finish within {call.Timeout.TotalSeconds:0.#} s"
                : $"Zoho did not answer within {call.Timeout.TotalSeconds:0.#} s", elapsed, ex.InnerException),

            // Keep only the inner exception: Flurl's call object holds the request and its headers.
            FlurlHttpException => new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.InnerException?.Message ?? "no response"}", elapsed, ex.InnerException),
            HttpRequestException or IOException or OperationCanceledException =>
                new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.Message}", elapsed, ex),
            _ => null,
        };
    }

    public void Dispose()
    {
        flurl.Dispose();
        httpClient.Dispose();
    }
}
