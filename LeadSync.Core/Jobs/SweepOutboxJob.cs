using Coravel.Invocable;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Core.Jobs;

/// <summary>Every <c>Sync:SweepInterval</c>: pushes whatever became due (backoffs, expired claims, after a restart).</summary>
public sealed class SweepOutboxJob(OutboxProcessor processor, IHostApplicationLifetime lifetime) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Waits for the app to listen (in Sandbox mode it serves Zoho itself), then drains what is due.</summary>
    public Task Invoke() => lifetime.ApplicationStarted.IsCancellationRequested
        ? processor.DrainCoalescedAsync(SyncTrigger.Scheduled, CancellationToken)
        : Task.CompletedTask;
}
