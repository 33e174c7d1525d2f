using LeadSync.Core.Data;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Diagnostics;

/// <summary>Counts the outbox (waiting and dead-lettered) into <see cref="LeadSyncMetrics"/> before a scrape.</summary>
public sealed class OutboxDepthSampler(IDbContextFactory<LeadSyncDbContext> contexts, LeadSyncMetrics metrics)
{
    public async Task SampleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<OutboxEntry>().AsNoTracking()
            .GroupBy(e => e.DeadLettered)
            .Select(g => new { DeadLettered = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        metrics.SetQueueDepth(
            counts.Where(c => !c.DeadLettered).Sum(c => c.Count),
            counts.Where(c => c.DeadLettered).Sum(c => c.Count));
    }
}
