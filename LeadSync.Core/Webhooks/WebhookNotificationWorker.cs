using System.Threading.Channels;
using LeadSync.Core.Monitoring;
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
/// Zoho's deleted-records list (<see cref="SyncService.PullDeletedAsync"/>); both with trigger Webhook. Ids whose
/// notification a write of LeadSync's own explains (<see cref="OwnWriteEchoes"/>) cost nothing.
/// </summary>
public sealed partial class WebhookNotificationWorker(
    WebhookNotificationInbox queue,
    SyncService sync,
    OwnWriteEchoes echoes,
    CreditBudget budget,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookNotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

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

            var notifications = Drain(reader);
            try
            {
                await PullUnexplainedAsync(notifications, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPullFailed(ex, notifications.Sum(n => n.Ids.Count));
            }
        }
    }

    /// <summary>
    /// Pulls what no write of ours explains: the changed ids in one run, and the deleted list once for any unexplained
    /// delete (a delete notification naming no id always counts as one).
    /// </summary>
    private async Task PullUnexplainedAsync(List<ZohoNotification> notifications, CancellationToken cancellationToken)
    {
        await PruneEchoesWhenDueAsync(cancellationToken);
        if (await budget.SpentAsync(null, cancellationToken) is not null)
        {
            return; // the daily credit budget is spent: the scheduled pull catches up once credits free up
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        var deleted = false;
        var skipped = 0;
        foreach (var notification in notifications)
        {
            var unexplained = await UnexplainedAsync(notification, cancellationToken);
            skipped += notification.Ids.Count - unexplained.Count;
            if (IsDelete(notification))
            {
                deleted |= unexplained.Count > 0 || notification.Ids.Count == 0;
            }
            else
            {
                changed.UnionWith(unexplained);
            }
        }

        LogOwnWritesSkipped(skipped);
        if (changed.Count > 0)
        {
            await sync.PullLeadsAsync(changed, SyncTrigger.Webhook, cancellationToken);
        }

        if (deleted)
        {
            await sync.PullDeletedAsync(SyncTrigger.Webhook, cancellationToken);
        }
    }

    /// <summary>
    /// The notified ids no write of ours explains. Zoho may notify before a write's answer is stored: ids left
    /// unexplained while this instance has writes in flight are asked again once those are stored.
    /// </summary>
    private async Task<List<string>> UnexplainedAsync(ZohoNotification notification, CancellationToken cancellationToken)
    {
        var notifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(notification.ServerTime);
        var explained = await echoes.ConsumeAsync(notification.Ids, notifiedAt, cancellationToken);
        var unexplained = notification.Ids.Where(id => !explained.Contains(id)).ToList();
        if (unexplained.Count > 0 && await echoes.WaitForWritesInFlightAsync(cancellationToken))
        {
            var late = await echoes.ConsumeAsync(unexplained, notifiedAt, cancellationToken);
            unexplained.RemoveAll(late.Contains);
        }

        return unexplained;
    }

    private async Task PruneEchoesWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - lastPrune >= PruneInterval)
        {
            lastPrune = now;
            await echoes.PruneAsync(cancellationToken);
        }
    }

    /// <summary>Every notification waiting now.</summary>
    private static List<ZohoNotification> Drain(ChannelReader<ZohoNotification> reader)
    {
        var notifications = new List<ZohoNotification>();
        while (reader.TryRead(out var notification))
        {
            notifications.Add(notification);
        }

        return notifications;
    }

    private static bool IsDelete(ZohoNotification notification) =>
        string.Equals(notification.Operation, "delete", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} notified ids were LeadSync's own writes: not pulled")]
    private partial void LogOwnWritesSkipped(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulling notified leads failed ({Notified} notified ids); the scheduled pull will catch up")]
    private partial void LogPullFailed(Exception exception, int notified);
}
