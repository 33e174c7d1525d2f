using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Claims due outbox entries for this instance with a lease. PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c> in one
/// statement, so concurrent instances never claim the same entry; SQLite (one process per file): a process-wide lock.
/// Due means: not dead-lettered, <c>NextAttemptAt</c> ≤ now, no live claim, and the lead not held
/// (<see cref="LeadSyncTransitions.Held"/>). Entries a bulk push reserved are due for its run alone until the reservation
/// ends (<see cref="OutboxReservation"/>); an ordinary claim that takes one after that ends its reservation too, so the
/// run can no longer take an entry in flight elsewhere.
/// </summary>
public sealed partial class OutboxClaimer(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IOptionsMonitor<SyncOptions> options,
    SyncInstance instance,
    SqliteWriteGate writeGate,
    TimeProvider clock)
{
    private long lingeringUntilTicks;

    /// <summary>
    /// Claims up to <paramref name="max"/> due entries and reads the values to send with them, in claim order. With
    /// <paramref name="mayLinger"/> (background drains) a partial batch waits out <see cref="SyncOptions.PushLinger"/>;
    /// a push a person asked for goes at once.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEntry>> ClaimAsync(int max, bool mayLinger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lease = (Now: now, Until: now + options.CurrentValue.ClaimLease, Max: max);
        var ids = db.Provider == DatabaseProvider.Postgres
            ? await ClaimOnPostgresAsync(db, lease, cancellationToken)
            : await ClaimOnSqliteAsync(db, lease, cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        if (mayLinger && await LingeringAsync(db, ids, now, cancellationToken) is { Count: > 0 } lingering)
        {
            await ReleaseAsync(lingering, CancellationToken.None); // a partial batch waits for company (Sync:PushLinger)
            ids.RemoveAll(lingering.Contains);
            if (ids.Count == 0)
            {
                return [];
            }
        }

        return await TakeAsync(db, ids, now, cancellationToken);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> of the due entries a bulk push reserved for its run (<see cref="OutboxReservation"/>),
    /// in queue order, and reads the values to send with them; none when the run has sent all it reserved.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEntry>> ClaimReservedAsync(Guid runId, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var until = now + options.CurrentValue.ClaimLease;
        until = new DateTimeOffset(until.UtcTicks - (until.UtcTicks % 10), TimeSpan.Zero); // whole microseconds, as PostgreSQL keeps it
        var owner = instance.Id;
        List<long> ids;
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            var reserved = await ReadReservedDueAsync(db, runId, (now, max), cancellationToken);
            // Only entries still reserved: one whose reservation ended may have been claimed by another drain meanwhile.
            await db.Set<OutboxEntry>().Where(e => reserved.Contains(e.Id) && e.ReservedFor == runId && e.ClaimedUntil >= now)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReservedFor, (Guid?)null).SetProperty(e => e.NextAttemptAt, now)
                    .SetProperty(e => e.ClaimedBy, owner).SetProperty(e => e.ClaimedUntil, until), cancellationToken);
            ids = await db.Set<OutboxEntry>().AsNoTracking().Where(e => reserved.Contains(e.Id) && e.ClaimedBy == owner && e.ClaimedUntil == until)
                .Select(e => e.Id).ToListAsync(cancellationToken);
        }

        return ids.Count == 0 ? [] : await TakeAsync(db, ids, now, cancellationToken);
    }

    /// <summary>Gives back every entry still reserved for the run (its drain has ended): due now, for any drain.</summary>
    public async Task EndReservationAsync(Guid runId)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        using var turn = await writeGate.EnterAsync(db, CancellationToken.None);
        await db.Set<OutboxEntry>().Where(e => e.ReservedFor == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReservedFor, (Guid?)null).SetProperty(e => e.NextAttemptAt, clock.GetUtcNow())
                .SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>Records the first attempt of claimed creates and reads the values to send, in claim order.</summary>
    private async Task<IReadOnlyList<ClaimedEntry>> TakeAsync(LeadSyncDbContext db, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            await LeadSyncTransitions.RecordFirstAttemptsAsync(db, ids, now, cancellationToken);
        }

        return await ReadClaimedAsync(db, ids, cancellationToken);
    }

    /// <summary>
    /// When the partial batch a claim gave back to linger (fewer than a batch's worth of due entries, the oldest younger
    /// than <see cref="SyncOptions.PushLinger"/>) becomes claimable, or null when none was given back since the last
    /// call. Taken once: the drain that takes it nudges the next drain for then — also when that moment passed while it
    /// ran (a drain claims no more once a claim comes back short, so nothing else would claim them before the sweep).
    /// </summary>
    public DateTimeOffset? TakeLingeringUntil()
    {
        var ticks = Interlocked.Exchange(ref lingeringUntilTicks, 0);
        return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// The claimed entries that make up a partial batch (the claim's last, fewer than a batch's worth) whose oldest has
    /// not waited the linger yet: they are given back to wait for company, whether the whole claim is that partial batch
    /// or the tail of full ones. Read by primary key, after the claim (the claim statement is the one tuned for a freshly
    /// filled outbox).
    /// </summary>
    private async Task<HashSet<long>> LingeringAsync(LeadSyncDbContext db, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var linger = options.CurrentValue.PushLinger;
        var partial = ids.Count % SyncOptions.BatchSize;
        if (linger <= TimeSpan.Zero || partial == 0)
        {
            return [];
        }

        var claimed = await db.Set<OutboxEntry>().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.NextAttemptAt }).ToListAsync(cancellationToken);
        var tail = claimed.OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id).TakeLast(partial).ToList();
        var oldest = tail.Min(e => e.NextAttemptAt);
        if (oldest + linger <= now)
        {
            return [];
        }

        Interlocked.Exchange(ref lingeringUntilTicks, (oldest + linger).UtcTicks);
        return [.. tail.Select(e => e.Id)];
    }

    // The claim statements are one SQL text each (a statement per provider, the same rule); they are not split further.
    private async Task<List<long>> ClaimOnPostgresAsync(LeadSyncDbContext db, (DateTimeOffset Now, DateTimeOffset Until, int Max) lease, CancellationToken cancellationToken)
    {
        // Due entries are read in the claim-order index's order up to one batch. Right after a bulk enqueue the
        // table statistics still describe a near-empty outbox and the planner would sort every due entry instead,
        // on every claim; sorting is off for this one statement.
        return await UnderPlannerSettingAsync(db, InClaimOrder,
            () => db.Database.SqlQuery<long>(PostgresClaim(instance.Id, lease)).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The setting PostgreSQL's claims run under: entries are read in an index's order, never sorted.</summary>
    internal const string InClaimOrder = "SET LOCAL enable_sort = off";

    /// <summary>
    /// On PostgreSQL, runs <paramref name="query"/> in a transaction of its own after <paramref name="setting"/> (a
    /// <c>SET LOCAL</c> of the planner's, so it ends with the transaction and never reaches another statement on the
    /// pooled connection); on SQLite, which has no such setting, just runs it.
    /// </summary>
    private static async Task<T> UnderPlannerSettingAsync<T>(LeadSyncDbContext db, string setting, Func<Task<T>> query, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return await query();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(setting, cancellationToken);
        var result = await query();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// PostgreSQL's claim: due entries in claim order, each lead looked up by its key. "= ANY(ARRAY(…))" rather than
    /// "IN (…)": the claimed rows are then fetched by primary key whatever the table statistics say (right after a bulk
    /// import they are stale, and IN became a scan of the whole table). The held test is a scalar lookup of the lead's
    /// state, not NOT EXISTS: with statistics from before many leads went into conflict, the anti-join walked every
    /// held lead once per due entry (10,000,000 rows for one claim; decision 0006).
    /// </summary>
    internal static FormattableString PostgresClaim(string owner, (DateTimeOffset Now, DateTimeOffset Until, int Max) lease)
    {
        var (now, until, max) = lease;
        var held = LeadSyncTransitions.Held.ToString();
        return $"""
            UPDATE "Outbox" AS o SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}, "ReservedFor" = NULL
            WHERE o."Id" = ANY(ARRAY(
                SELECT c."Id" FROM "Outbox" AS c
                WHERE c."DeadLettered" = FALSE AND c."NextAttemptAt" <= {now}
                  AND (c."ClaimedUntil" IS NULL OR c."ClaimedUntil" < {now})
                  AND (SELECT l."SyncState" FROM "Leads" AS l WHERE l."Id" = c."LeadId") IS DISTINCT FROM {held}
                ORDER BY c."DeadLettered", c."NextAttemptAt", c."Id"
                LIMIT {max}
                FOR UPDATE OF c SKIP LOCKED))
            RETURNING o."Id" AS "Value"
            """;
    }

    private async Task<List<long>> ClaimOnSqliteAsync(LeadSyncDbContext db, (DateTimeOffset Now, DateTimeOffset Until, int Max) lease, CancellationToken cancellationToken)
    {
        // One statement, like PostgreSQL's: the write gate is held for the claim only, not a read and a write.
        var owner = db.Parameter<OutboxEntry>(nameof(OutboxEntry.ClaimedBy), "owner", instance.Id);
        var leaseEnd = db.Parameter<OutboxEntry>(nameof(OutboxEntry.ClaimedUntil), "until", lease.Until);
        var dueBy = db.Parameter<OutboxEntry>(nameof(OutboxEntry.NextAttemptAt), "now", lease.Now);
        var leaseOver = db.Parameter<OutboxEntry>(nameof(OutboxEntry.ClaimedUntil), "expired", lease.Now);
        var conflict = db.Parameter<Lead>(nameof(Lead.SyncState), "conflict", LeadSyncTransitions.Held);
        var live = db.Parameter<OutboxEntry>(nameof(OutboxEntry.DeadLettered), "live", false);
        var max = lease.Max;
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE "Outbox" SET "ClaimedBy" = {owner}, "ClaimedUntil" = {leaseEnd}, "ReservedFor" = NULL
                WHERE "Id" IN (
                    SELECT c."Id" FROM "Outbox" AS c
                    WHERE c."DeadLettered" = {live} AND c."NextAttemptAt" <= {dueBy}
                      AND (c."ClaimedUntil" IS NULL OR c."ClaimedUntil" < {leaseOver})
                      AND NOT EXISTS (SELECT 1 FROM "Leads" AS l WHERE l."Id" = c."LeadId" AND l."SyncState" = {conflict})
                    ORDER BY c."DeadLettered", c."NextAttemptAt", c."Id"
                    LIMIT {max})
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The values sent are the lead's values now, read after the claim (an edit after this bumps the revision). The
    /// entries and their leads are read by key, each table on its own: as one join, PostgreSQL hashed a scan of every
    /// lead for each claim of 1,000 (decision 0006).
    /// </summary>
    private static async Task<IReadOnlyList<ClaimedEntry>> ReadClaimedAsync(LeadSyncDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        var entries = await db.Set<OutboxEntry>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        var leadsById = await ReadClaimedLeadsAsync(db, [.. entries.Select(e => e.LeadId)], cancellationToken);
        var rows = entries.Select(e => new { Entry = e, Lead = leadsById.GetValueOrDefault(e.LeadId) }).ToList();
        var leadIds = leadsById.Keys.ToList();
        var fieldErrors = (await db.Set<LeadFieldError>().AsNoTracking()
                .Where(e => leadIds.Contains(e.LeadId) && e.Direction == FieldErrorDirection.Push).ToListAsync(cancellationToken))
            .ToLookup(e => e.LeadId);
        return rows
            .OrderBy(r => r.Entry.NextAttemptAt).ThenBy(r => r.Entry.Id)
            .Select(r => new ClaimedEntry(
                r.Entry.Id, r.Entry.LeadId, r.Entry.Operation, r.Entry.ZohoId, r.Entry.Revision,
                r.Lead?.Fields, r.Lead?.AgreedSnapshot, r.Lead?.ZohoId, r.Lead?.Version, RefusedZohoCopy.IsRefusal(r.Lead?.LastError), r.Entry.CreateEmail)
            {
                CreateAttemptedAt = r.Entry.CreateAttemptedAt,
                CreateSnapshot = r.Entry.CreateSnapshot,
                HasFieldErrors = fieldErrors.Contains(r.Entry.LeadId),
                FieldsAsStored = r.Lead is not null,
                Withheld = r.Lead is null ? ClaimedEntry.NoFields : FieldErrorRules.Withheld(fieldErrors[r.Entry.LeadId], r.Lead.ExtraFields),
            })
            .ToList();
    }

    /// <summary>
    /// The claimed entries' leads (those that still exist), each read by its key (<see cref="ClaimedLeads"/>). On
    /// PostgreSQL sequential scans are off for this read: given a claim's 1,000 keys, the planner hashed them and scanned
    /// every lead instead, a cost that grows with the table, not the claim (decision 0006).
    /// </summary>
    private static Task<Dictionary<Guid, Lead>> ReadClaimedLeadsAsync(LeadSyncDbContext db, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken) =>
        UnderPlannerSettingAsync(db, ByKeyOnly, () => ClaimedLeads(db, leadIds).ToDictionaryAsync(l => l.Id, cancellationToken), cancellationToken);

    /// <summary>The setting <see cref="ReadClaimedLeadsAsync"/> reads the claimed leads under on PostgreSQL.</summary>
    internal const string ByKeyOnly = "SET LOCAL enable_seqscan = off";

    /// <summary>The claimed entries' leads (those that still exist), by their keys.</summary>
    internal static IQueryable<Lead> ClaimedLeads(LeadSyncDbContext db, IReadOnlyCollection<Guid> leadIds) =>
        db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id));

    /// <summary>Gives claims back without counting an attempt (e.g. while Zoho refuses our credentials).</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<long> entryIds, CancellationToken cancellationToken)
    {
        if (entryIds.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = instance.Id;
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<OutboxEntry>().Where(e => entryIds.Contains(e.Id) && e.ClaimedBy == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
    }
}
