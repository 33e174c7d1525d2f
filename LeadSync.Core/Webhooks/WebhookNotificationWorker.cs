using System.Threading.Channels;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Pulls what notifications name: gathers those arriving within <see cref="WebhookOptions.CoalesceDelay"/>, then
/// pulls the created and edited ids in one run (<see cref="SyncService.PullLeadsAsync"/>) and, after deletes, applies
/// Zoho's deleted-records list (<see cref="SyncService.PullDeletedAsync"/>); both with trigger Webhook.
/// </summary>
public sealed partial class WebhookNotificationWorker(
    WebhookNotificationInbox queue,
    SyncService sync,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookNotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var delay = options.CurrentValue.CoalesceDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }

            var (changed, deleted) = Coalesce(reader);
            try
            {
                if (changed.Count > 0)
                {
                    await sync.PullLeadsAsync(changed, SyncTrigger.Webhook, stoppingToken);
                }

                if (deleted)
                {
                    await sync.PullDeletedAsync(SyncTrigger.Webhook, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPullFailed(ex, changed.Count, deleted);
            }
        }
    }

    /// <summary>Reads every waiting notification: the ids created or edited, and whether any was a delete.</summary>
    private static (HashSet<string> Changed, bool Deleted) Coalesce(ChannelReader<ZohoNotification> reader)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var deleted = false;
        while (reader.TryRead(out var notification))
        {
            if (IsDelete(notification))
            {
                deleted = true;
            }
            else
            {
                changed.UnionWith(notification.Ids);
            }
        }

        return (changed, deleted);
    }

    private static bool IsDelete(ZohoNotification notification) =>
        string.Equals(notification.Operation, "delete", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulling notified leads failed ({Changed} changed ids, deletes {Deleted}); the scheduled pull will catch up")]
    private partial void LogPullFailed(Exception exception, int changed, bool deleted);
}
