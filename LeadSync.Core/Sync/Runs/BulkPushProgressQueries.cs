using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// The truth about a person's push (<see cref="BulkPushProgress"/>): computed from the selected leads' sync state now,
/// not from one run's counters, because another run (the scheduled drain, another instance) may send part of them.
/// </summary>
public sealed class BulkPushProgressQueries(IDbContextFactory<LeadSyncDbContext> contexts)
{
    /// <summary>The most push runs <see cref="BulkPushProgress.Runs"/> lists.</summary>
    public const int MaxRunsListed = 10;

    /// <summary>
    /// The progress of the push run <paramref name="runId"/>; null when there is no such run or it finished having
    /// selected no lead.
    /// </summary>
    public async Task<BulkPushProgress?> GetAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Set<SyncRun>().AsNoTracking().Where(r => r.Id == runId && r.Kind == SyncRunKind.Push)
            .Select(r => new { r.StartedAt, r.FinishedAt, r.Error }).FirstOrDefaultAsync(cancellationToken);
        var selection = db.Set<BulkPushLead>().Where(b => b.RunId == runId);
        var selected = run is null ? 0 : await selection.CountAsync(cancellationToken);
        if (run is null || (selected == 0 && run.FinishedAt is not null))
        {
            return null; // a running push with nothing recorded yet is still reading its selection: progress of 0
        }

        var states = await selection.Join(db.Leads, b => b.LeadId, l => l.Id, (b, l) => l.SyncState)
            .GroupBy(s => s).Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        int Count(params SyncState[] of) => of.Sum(s => states.GetValueOrDefault(s));
        var runs = await RunsAsync(db, runId, run.StartedAt, cancellationToken);
        return new BulkPushProgress(
            runId, run.StartedAt, run.FinishedAt is not null, selected,
            Synced: Count(SyncState.Synced),
            Queued: Count(SyncState.Pending, SyncState.NeverSynced),
            Failed: Count(SyncState.Error, SyncState.DeadLetter),
            InConflict: Count(SyncState.Conflict),
            Deleted: selected - states.Values.Sum(),
            runs,
            run.Error);
    }

    /// <summary>The push runs that sent any selected lead since the push started: the push's own first.</summary>
    private static async Task<IReadOnlyList<Guid>> RunsAsync(LeadSyncDbContext db, Guid runId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var others = await db.Set<LeadHistoryEntry>().AsNoTracking()
            .Where(h => h.At >= since && h.Direction == SyncDirection.Push && h.RunId != null && h.RunId != runId
                && db.Set<BulkPushLead>().Any(b => b.RunId == runId && b.LeadId == h.LeadId))
            .Select(h => h.RunId!.Value).Distinct().OrderBy(id => id).Take(MaxRunsListed - 1).ToListAsync(cancellationToken);
        return [runId, .. others];
    }
}
