using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Monitoring;

/// <summary>The dashboard's numbers, each computed by the database (counts, sums) except the hourly buckets.</summary>
public sealed class DashboardQueries(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptionsMonitor<CreditBudgetOptions> budget, TimeProvider clock)
{
    public const int Hours = 24;

    public async Task<DashboardSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromHours(Hours);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var byState = await db.Leads.AsNoTracking().GroupBy(l => l.SyncState)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var states = Enum.GetValues<SyncState>().ToDictionary(s => s, s => byState.FirstOrDefault(x => x.State == s)?.Count ?? 0);

        var runs = db.Set<SyncRun>().AsNoTracking();
        var lastPull = await runs
            .Where(r => (r.Kind == SyncRunKind.Pull || r.Kind == SyncRunKind.FullResync || r.Kind == SyncRunKind.PullLeads) && r.FinishedAt != null && r.Error == null)
            .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        var lastPush = await runs
            .Where(r => r.Kind == SyncRunKind.Push && r.FinishedAt != null && r.Error == null && (r.Created + r.Updated + r.Deleted + r.Failed) > 0)
            .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);

        var outbox = db.Set<OutboxEntry>().AsNoTracking();
        var pending = await outbox.CountAsync(e => !e.DeadLettered, cancellationToken);
        var due = await outbox.CountAsync(e => !e.DeadLettered && e.NextAttemptAt <= now, cancellationToken);
        var dead = await outbox.CountAsync(e => e.DeadLettered, cancellationToken);

        var recent = await runs.Where(r => r.StartedAt >= since)
            .Select(r => new { r.StartedAt, Synced = r.Created + r.Updated + r.Deleted, r.Failed, Failing = r.Error != null && !r.Interrupted, r.Credits })
            .ToListAsync(cancellationToken);

        var firstHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) - TimeSpan.FromHours(Hours - 1);
        var hourly = Enumerable.Range(0, Hours).Select(i =>
        {
            var start = firstHour + TimeSpan.FromHours(i);
            var end = start + TimeSpan.FromHours(1);
            var inHour = recent.Where(r => r.StartedAt >= start && r.StartedAt < end).ToList();
            return new HourlySyncPoint(start, inHour.Sum(r => r.Synced), inHour.Sum(r => r.Failed + (r.Failing ? 1 : 0)));
        }).ToList();

        return new DashboardSnapshot(
            states, lastPull, lastPush, pending, due, dead, recent.Sum(r => r.Credits), budget.CurrentValue.DailyCreditBudget, hourly);
    }
}
