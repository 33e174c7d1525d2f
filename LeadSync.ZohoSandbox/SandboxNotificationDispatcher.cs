using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Posts queued watch callbacks to their <c>notify_url</c> as Zoho does (§5), one at a time, in the background; a
/// channel whose address is no longer an allowed target (<see cref="SandboxNotifyTargets"/>) is not called.
/// </summary>
internal sealed partial class SandboxNotificationDispatcher(
    SandboxNotifier notifier,
    SandboxNotifyTargets targets,
    IHttpClientFactory httpClientFactory,
    ILogger<SandboxNotificationDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "ZohoSandboxNotifications";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var callback in notifier.Pending.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(callback, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The JSON body Zoho posts (§5).</summary>
    public static JsonObject Payload(SandboxCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var queryParams = new JsonObject();
        var query = callback.Channel.NotifyUrl.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? callback.Channel.NotifyUrl[q..] : string.Empty;
        foreach (var (key, values) in QueryHelpers.ParseQuery(query))
        {
            queryParams[key] = values.ToString();
        }

        return new JsonObject
        {
            ["server_time"] = callback.ServerTime.ToUnixTimeMilliseconds(),
            ["query_params"] = queryParams,
            ["module"] = "Leads",
            ["resource_uri"] = callback.Channel.ResourceUri,
            ["ids"] = new JsonArray([.. callback.Ids.Select(id => (JsonNode)id.ToString(CultureInfo.InvariantCulture))]),
            ["affected_fields"] = new JsonArray(),
            ["operation"] = callback.Operation,
            ["channel_id"] = callback.Channel.ChannelId.ToString(CultureInfo.InvariantCulture),
            ["token"] = callback.Channel.Token,
        };
    }

    private async Task DeliverAsync(SandboxCallback callback, CancellationToken cancellationToken)
    {
        if (!targets.IsAllowed(callback.Channel.NotifyUrl))
        {
            LogRefusedTarget(callback.Channel.ChannelId);
            return;
        }

        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await client.PostAsJsonAsync(callback.Channel.NotifyUrl, Payload(callback), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(callback.Channel.ChannelId, (int)response.StatusCode);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(callback.Channel.ChannelId, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox watch callback for channel {ChannelId} not sent: its notify_url is not this app's own webhook")]
    private partial void LogRefusedTarget(long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox watch callback for channel {ChannelId} answered HTTP {Status}")]
    private partial void LogRejected(long channelId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox watch callback for channel {ChannelId} failed: {Reason}")]
    private partial void LogFailed(long channelId, string reason);
}
