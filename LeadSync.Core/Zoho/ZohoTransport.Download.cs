using System.Diagnostics;
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
            using var response = await Request(call).SendAsync(call.Method, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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

            return new ZohoResponse(response.StatusCode, text, CreditsRemaining(response), Stopwatch.GetElapsedTime(started))
            {
                ServerDate = response.ResponseMessage.Headers.Date,
            };
        }
        catch (Exception ex) when (Failure(ex, call, started, download: true, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
