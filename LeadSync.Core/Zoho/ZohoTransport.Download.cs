using System.Diagnostics;
using System.Globalization;
using Flurl.Http;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Downloads (a Bulk Read result, §6.1): a successful answer's body is copied to a file as it arrives — never held in
/// memory — and any other answer is read as text like every other call, so errors and 429s go through the same rules.
/// </summary>
internal sealed partial class ZohoTransport
{
    /// <summary>Sends one request; a 200's body goes to <paramref name="path"/> (the returned body is then empty).</summary>
    public async Task<ZohoResponse> DownloadAsync(ZohoHttpRequest call, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var request = flurl.Request(call.Url).AllowAnyHttpStatus().WithTimeout(call.Timeout);
            foreach (var (name, value) in call.Headers)
            {
                request = request.WithHeader(name, value);
            }

            using var response = await request.SendAsync(call.Method, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            int? creditsRemaining = response.Headers.TryGetFirst("X-API-CREDITS-REMAINING", out var credits)
                && int.TryParse(credits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
            var text = "";
            if (response.StatusCode == 200)
            {
                await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using var body = await response.GetStreamAsync();
                await body.CopyToAsync(file, cancellationToken);
            }
            else
            {
                text = await response.GetStringAsync() ?? "";
            }

            return new ZohoResponse(response.StatusCode, text, creditsRemaining, Stopwatch.GetElapsedTime(started))
            {
                ServerDate = response.ResponseMessage.Headers.Date,
            };
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or FlurlHttpException)
        {
            throw new OperationCanceledException("The Zoho download was cancelled.", ex, cancellationToken);
        }
        catch (FlurlHttpTimeoutException ex)
        {
            throw new ZohoTransportException("TIMEOUT", $"Zoho's download did not finish within {call.Timeout.TotalSeconds:0.#} s", Stopwatch.GetElapsedTime(started), ex.InnerException);
        }
        catch (FlurlHttpException ex)
        {
            throw new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.InnerException?.Message ?? "no response"}", Stopwatch.GetElapsedTime(started), ex.InnerException);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new ZohoTransportException("CONNECTION_FAILED", $"The connection to Zoho failed: {ex.Message}", Stopwatch.GetElapsedTime(started), ex);
        }
    }
}
