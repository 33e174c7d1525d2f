using Coravel.Queuing.Interfaces;
using LeadSync.Core.Jobs;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Nudges the drain through Coravel's queue, coalescing: while one <see cref="DrainOutboxJob"/> waits in the queue,
/// further nudges add nothing. The outbox rows are the durable part; a lost nudge only waits for the next sweep.
/// </summary>
public sealed class CoravelPushScheduler(IQueue queue) : IPushScheduler
{
    private int queued;

    public void SchedulePush()
    {
        if (Interlocked.CompareExchange(ref queued, 1, 0) == 0)
        {
            queue.QueueInvocable<DrainOutboxJob>();
        }
    }

    /// <summary>Called by the job as it starts, so nudges from now on queue another run.</summary>
    internal void Dequeued() => Interlocked.Exchange(ref queued, 0);
}
