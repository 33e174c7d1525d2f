using LeadSync.Core.Data;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The claims of a bulk push (Bulk Write, docs/zoho §6.2): first pushes of leads never linked to Zoho, reserved for the
/// push's run in one statement (so no drain sends them through the record API meanwhile), then taken file by file
/// through <see cref="ClaimReservedAsync"/> and held for their job's life.
/// </summary>
public sealed partial class OutboxClaimer
{
    /// <summary>
    /// Whether more than <paramref name="limit"/> first pushes are due now (asked by every drain's claim of creates, so
    /// bounded): the outbox alone answers no when its due upserts are that few — each first push is one of them — and
    /// only when they are more are their leads looked up, by key, to count the first pushes among them.
    /// </summary>
    public async Task<bool> MoreDueCreatesThanAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit < 0)
        {
            return true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await DueUpserts(db, now).Take(limit + 1).CountAsync(cancellationToken) > limit
            && await DueCreates(db, now).Take(limit + 1).CountAsync(cancellationToken) > limit;
    }

    /// <summary>Reserves every due first push for the run until <paramref name="until"/>; returns how many.</summary>
    public async Task<int> ReserveDueCreatesAsync(Guid runId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var owner = instance.Id;
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        var due = DueCreates(db, now).Select(e => e.Id);
        return await db.Set<OutboxEntry>().Where(e => due.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReservedFor, (Guid?)runId).SetProperty(e => e.NextAttemptAt, until)
                .SetProperty(e => e.ClaimedBy, owner).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)until), cancellationToken);
    }

    /// <summary>Keeps the run's reservation (the entries not yet in a job) until <paramref name="until"/>.</summary>
    public async Task RenewReservationAsync(Guid runId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<OutboxEntry>().Where(e => e.ReservedFor == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)until).SetProperty(e => e.NextAttemptAt, until), cancellationToken);
    }

    /// <summary>Holds the claims of a job's rows until <paramref name="until"/> (the job's lease, <c>Sync:BulkWriteJobLease</c>).</summary>
    public async Task HoldAsync(LeadSyncDbContext db, IReadOnlyCollection<long> entryIds, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = instance.Id;
        await db.Set<OutboxEntry>().Where(e => entryIds.Contains(e.Id) && e.ClaimedBy == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)until), cancellationToken);
    }

    /// <summary>
    /// The first <c>max</c> entries still reserved for the run whose leads are not held (<see cref="ReservedDue"/>). On
    /// PostgreSQL sorting is off, as for every claim: once the reserved entries' counts were refreshed (autovacuum), the
    /// planner fetched every entry still reserved, looked up each one's lead, and sorted them all for each claim,
    /// instead of reading the reservation's index in order up to the limit (decision 0006).
    /// </summary>
    private static Task<List<long>> ReadReservedDueAsync(LeadSyncDbContext db, Guid runId, (DateTimeOffset Now, int Max) read, CancellationToken cancellationToken) =>
        UnderPlannerSettingAsync(db, InClaimOrder, () => ReservedDue(db, runId, read.Now).Take(read.Max).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The entries still reserved for the run whose leads are not held, in queue order (their ids).</summary>
    internal static IQueryable<long> ReservedDue(LeadSyncDbContext db, Guid runId, DateTimeOffset now) =>
        LeadSyncTransitions.OfUnheldLeads(db, db.Set<OutboxEntry>().AsNoTracking()
                .Where(e => e.ReservedFor == runId && !e.DeadLettered && e.ClaimedUntil >= now))
            .OrderBy(e => e.Id).Select(e => e.Id);

    /// <summary>
    /// Due, unclaimed upserts of leads without a Zoho id that are not held: the first pushes. Each entry's lead is looked
    /// up by its key (a scalar subquery, as <see cref="LeadSyncTransitions.OfUnheldLeads"/> does): as EXISTS, PostgreSQL
    /// hashed a scan of every lead for each count (decision 0006).
    /// </summary>
    internal static IQueryable<OutboxEntry> DueCreates(LeadSyncDbContext db, DateTimeOffset now) =>
        DueUpserts(db, now).Where(e => db.Leads.Where(l => l.Id == e.LeadId)
            .Select(l => (bool?)(l.ZohoId == null && l.SyncState != LeadSyncTransitions.Held)).FirstOrDefault() == true);

    /// <summary>Due, unclaimed upserts not yet in a bulk job's file, whatever their lead: every first push is one of them.</summary>
    private static IQueryable<OutboxEntry> DueUpserts(LeadSyncDbContext db, DateTimeOffset now) =>
        db.Set<OutboxEntry>().Where(e => !e.DeadLettered && e.NextAttemptAt <= now && e.Operation == OutboxOperation.Upsert
            && (e.ClaimedUntil == null || e.ClaimedUntil < now) && e.CreateSnapshot == null);
}
