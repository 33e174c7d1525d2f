using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Monitoring;

/// <summary>
/// The dashboard's numbers, each computed by the database (counts, sums) except the chart's buckets, which
/// <see cref="ActivityWindow"/> tallies from the runs started in the chosen range.
/// </summary>
public sealed class DashboardQueries(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptionsMonitor<CreditBudgetOptions> budget, TimeProvider clock)
{
    public async Task<DashboardSnapshot> GetAsync(DashboardRange range, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var states = await LeadCountQueries.ByStateAsync(db, cancellationToken);
        var (lastPull, lastPush) = await LastRunsAsync(db, cancellationToken);

        var queue = await OutboxCounts.ReadAsync(db, now, cancellationToken);

        var since = now - TimeSpan.FromHours(24);
        var credits = await db.Set<SyncRun>().AsNoTracking().Where(r => r.StartedAt >= since).Select(r => r.Credits).ToListAsync(cancellationToken);
        var activity = await ActivityAsync(db, ActivityWindow.For(range, now), cancellationToken);

        return new DashboardSnapshot(states, lastPull, lastPush, queue.Pending, queue.Due, queue.DeadLettered, credits.Sum(), budget.CurrentValue.DailyCreditBudget, activity);
    }

    private static async Task<(DateTimeOffset? Pull, DateTimeOffset? Push)> LastRunsAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        var runs = db.Set<SyncRun>().AsNoTracking();
        var lastPull = await runs
            .Where(r => (r.Kind == SyncRunKind.Pull || r.Kind == SyncRunKind.FullResync || r.Kind == SyncRunKind.PullLeads) && r.FinishedAt != null && r.Error == null)
            .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        var lastPush = await runs
            .Where(r => r.Kind == SyncRunKind.Push && r.FinishedAt != null && r.Error == null && (r.Created + r.Updated + r.Deleted + r.Failed) > 0)
            .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        return (lastPull, lastPush);
    }

    private static async Task<SyncActivity> ActivityAsync(LeadSyncDbContext db, ActivityWindow window, CancellationToken cancellationToken)
    {
        var runs = await db.Set<SyncRun>().AsNoTracking().Where(r => r.StartedAt >= window.From && r.StartedAt < window.To)
            .Select(r => new RunActivity(r.StartedAt, r.Created + r.Updated + r.Deleted, r.Failed + (r.Error != null && !r.Interrupted ? 1 : 0)))
            .ToListAsync(cancellationToken);
        return window.Tally(runs);
    }
}
