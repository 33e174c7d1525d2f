using Coravel.Invocable;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Core.Jobs;

/// <summary>Drains the outbox after a change (queued by <see cref="CoravelPushScheduler"/>).</summary>
public sealed class DrainOutboxJob(OutboxProcessor processor, CoravelPushScheduler scheduler, IHostApplicationLifetime lifetime) : IInvocable
{
    public Task Invoke()
    {
        scheduler.Dequeued();

        // Until the app listens (migrations, demo seeding) the Zoho endpoint it serves itself in Sandbox mode cannot
        // answer: the first sweep after start picks these changes up.
        return lifetime.ApplicationStarted.IsCancellationRequested
            ? processor.DrainCoalescedAsync(SyncTrigger.Change, lifetime.ApplicationStopping)
            : Task.CompletedTask;
    }
}
