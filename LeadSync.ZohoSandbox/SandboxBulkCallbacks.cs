namespace LeadSync.ZohoSandbox;

/// <summary>
/// Posts a finished Bulk job's details to its callback URL (§6), once, when it completes or fails — unless the caller
/// says the lost-callback fault struck (it draws that before the job's end is visible). The URL is checked again
/// before posting, and redirects are not followed.
/// </summary>
internal sealed partial class SandboxBulkCallbacks(
    SandboxBulkCallbackTargets targets,
    SandboxBulkJson json,
    IHttpClientFactory httpClientFactory,
    ILogger<SandboxBulkCallbacks> logger)
{
    public async Task NotifyAsync(SandboxBulkJob job, bool lost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.CallbackUrl is not { } url)
        {
            return;
        }

        if (lost)
        {
            LogLost(job.Id);
            return;
        }

        if (!targets.IsAllowed(url))
        {
            LogRefusedTarget(job.Id);
            return;
        }

        try
        {
            using var client = httpClientFactory.CreateClient(SandboxNotificationDispatcher.HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await client.PostAsJsonAsync(url, json.Callback(job), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(job.Id, (int)response.StatusCode);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(job.Id, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox bulk job {JobId}: callback lost on purpose (fault injection)")]
    private partial void LogLost(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox bulk job {JobId}: callback not sent, its URL is not on loopback or this app's origin")]
    private partial void LogRefusedTarget(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox bulk job {JobId}: callback answered HTTP {Status}")]
    private partial void LogRejected(long jobId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox bulk job {JobId}: callback failed: {Reason}")]
    private partial void LogFailed(long jobId, string reason);
}
