using Coravel.Invocable;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Jobs;

/// <summary>Every <c>Sync:SweepInterval</c>: pushes whatever became due (backoffs, expired claims, after a restart).</summary>
public sealed class SweepOutboxJob(OutboxProcessor processor) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => processor.DrainCoalescedAsync(SyncTrigger.Scheduled, CancellationToken);
}
