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
            var request = flurl.Request(call.Url).AllowAnyHttpStatus().WithTimeout(call.Timeout);
            foreach (var (name, value) in call.Headers)
            {
                request = request.WithHeader(name, value);
            }

            using var body = call.Content();
            var response = await request.SendAsync(call.Method, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var file = call.BinaryAnswer && response.StatusCode is >= 200 and < 300 ? await response.GetBytesAsync() : null;
            var text = file is null ? await response.GetStringAsync() : "";
            int? creditsRemaining = response.Headers.TryGetFirst("X-API-CREDITS-REMAINING", out var credits)
                && int.TryParse(credits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
            return new ZohoResponse(response.StatusCode, text ?? "", creditsRemaining, Stopwatch.GetElapsedTime(started))
            {
                ServerDate = response.ResponseMessage.Headers.Date,
                Bytes = file,
            };
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or FlurlHttpException)
        {
            throw new OperationCanceledException("The Zoho call was cancelled.", ex, cancellationToken);
        }
        catch (FlurlHttpTimeoutException ex)
        {
            throw new ZohoTransportException("TIMEOUT", $"Zoho did not answer within {call.Timeout.TotalSeconds:0.#} s", Stopwatch.GetElapsedTime(started), ex.InnerException);
        }
        catch (FlurlHttpException ex)
        {
            // Keep only the inner exception: Flurl's call object holds the request and its headers.
            throw new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.InnerException?.Message ?? "no response"}", Stopwatch.GetElapsedTime(started), ex.InnerException);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.Message}", Stopwatch.GetElapsedTime(started), ex);
        }
    }

    public void Dispose()
    {
        flurl.Dispose();
        httpClient.Dispose();
    }
}
