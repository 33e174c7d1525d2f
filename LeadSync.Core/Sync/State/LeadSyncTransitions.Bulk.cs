using System.Data.Common;
using System.Globalization;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Sync.State;

/// <summary>The set-based transitions: the same rules as the per-lead methods, for many leads in one statement.</summary>
public static partial class LeadSyncTransitions
{
    /// <summary>The held state, for queries that must skip held leads (the outbox claim).</summary>
    public const SyncState Held = SyncState.Conflict;

    /// <summary>One lead Zoho wrote completely in a batch: what the set-based apply stores.</summary>
    /// <remarks><paramref name="ValuesAsStored"/>: the values are the lead's own at <paramref name="LeadVersion"/>, so its agreed snapshot may keep its extra values with the lead's (<see cref="AgreedSnapshotColumn"/>).</remarks>
    internal sealed record SyncedRow(Guid LeadId, long LeadVersion, string ZohoId, DateTimeOffset? ZohoModifiedTime, LeadFields Values, long EntryId, int EntryRevision, bool ValuesAsStored);

    /// <summary>
    /// <see cref="Synced"/> for a whole batch, as statements built ahead of the write (outside the SQLite write gate:
    /// the agreed values are serialised and bound here) and run in the caller's transaction by
    /// <see cref="SyncedInBulkStatements.TryExecuteAsync"/>: each lead (still at the version it had when claimed, and
    /// not held) takes its Zoho id, Modified_Time, agreed values and the synced state; each entry (still at its claimed
    /// revision) goes. False there when any row moved meanwhile: the caller rolls back and applies one by one.
    /// PostgreSQL runs one statement per table for the batch; SQLite one per chunk of rows (<see cref="ChunkedStatements"/>).
    /// </summary>
    internal static SyncedInBulkStatements PrepareSyncedInBulk(LeadSyncDbContext db, IReadOnlyList<SyncedRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var chunks = rows.Chunk(ChunkedStatements.RowsPerStatement(db.Provider, rows.Count)).Select(c => PrepareSynced(db, c, now)).ToList();
        return new SyncedInBulkStatements(
            new ChunkedStatements([.. chunks.Select(c => (c.Update, c.Rows))]), new ChunkedStatements([.. chunks.Select(c => (c.Delete, c.Rows))]));
    }

    // One SQL statement with its parameters, built in one place: splitting the text apart would hide the statement.
    private static (DbCommand Update, DbCommand Delete, int Rows) PrepareSynced(LeadSyncDbContext db, SyncedRow[] rows, DateTimeOffset now)
    {
        var connection = db.Database.GetDbConnection();
        var update = connection.CreateCommand();
        var values = new StringBuilder();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"({Add<Lead>(db, update, nameof(Lead.Id), $"i{i}", row.LeadId)}, {Add<Lead>(db, update, nameof(Lead.Version), $"v{i}", row.LeadVersion)}, " +
                $"{Add<Lead>(db, update, nameof(Lead.ZohoId), $"z{i}", row.ZohoId)}, {Add<Lead>(db, update, nameof(Lead.ZohoModifiedTime), $"m{i}", row.ZohoModifiedTime)}, " +
                $"{Add<Lead>(db, update, Lead.AgreedSnapshotTextName, $"s{i}", AgreedSnapshotColumn.Write(row.Values, row.ValuesAsStored ? row.Values.Extra : null))})");
        }

        update.CommandText = $"""
            WITH "v"("Id", "Version", "ZohoId", "ZohoModifiedTime", "Snapshot") AS (VALUES {values})
            UPDATE "Leads" SET
                "ZohoId" = "v"."ZohoId",
                "ZohoModifiedTime" = CASE
                    WHEN "v"."ZohoModifiedTime" IS NOT NULL AND ("Leads"."ZohoModifiedTime" IS NULL OR "v"."ZohoModifiedTime" >= "Leads"."ZohoModifiedTime")
                    THEN "v"."ZohoModifiedTime" ELSE "Leads"."ZohoModifiedTime" END,
                "AgreedSnapshotJson" = "v"."Snapshot",
                "LastSyncedAt" = {Add<Lead>(db, update, nameof(Lead.LastSyncedAt), "now", now)},
                "SyncState" = {Add<Lead>(db, update, nameof(Lead.SyncState), "synced", SyncState.Synced)},
                "LastErrorCode" = NULL, "LastErrorField" = NULL, "LastErrorMessage" = NULL,
                "Version" = "Leads"."Version" + 1
            FROM "v"
            WHERE "Leads"."Id" IN ({KeyList("i", rows.Length)}) AND "Leads"."Id" = "v"."Id" AND "Leads"."Version" = "v"."Version"
              AND "Leads"."SyncState" <> {Add<Lead>(db, update, nameof(Lead.SyncState), "held", Held)}
            """;

        var delete = connection.CreateCommand();
        var entries = string.Join(", ", rows.Select((r, i) =>
            $"({Add<OutboxEntry>(db, delete, nameof(OutboxEntry.Id), $"e{i}", r.EntryId)}, {Add<OutboxEntry>(db, delete, nameof(OutboxEntry.Revision), $"r{i}", r.EntryRevision)})"));
        delete.CommandText = $"""
            WITH "d"("Id", "Revision") AS (VALUES {entries})
            DELETE FROM "Outbox"
            WHERE "Id" IN ({KeyList("e", rows.Length)})
              AND EXISTS (SELECT 1 FROM "d" WHERE "d"."Id" = "Outbox"."Id" AND "d"."Revision" = "Outbox"."Revision")
            """;
        return (update, delete, rows.Length);
    }

    /// <summary>
    /// <see cref="Queue"/> (a person's push) for every lead <paramref name="select"/> names: queued entries become due
    /// now, leads with nothing queued (synced, never synced) get an entry and are pending; held leads stay held. With a
    /// <paramref name="reservation"/> every entry not in flight elsewhere is kept for that run.
    /// </summary>
    public static async Task QueueManyAsync(
        LeadSyncDbContext db, Func<LeadSyncDbContext, IQueryable<Lead>> select, ChangeSource trigger, DateTimeOffset now, CancellationToken cancellationToken,
        OutboxReservation? reservation = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(select);
        await DueNowAsync(db, select(db).Select(l => l.Id), now, reservation, cancellationToken);
        // The leads are named once, up front, and each is queued at most once: a lead whose new entry a concurrent
        // drain already pushed (and removed) while later chunks were being queued is not queued again.
        var selected = await select(db).Where(l => l.SyncState != Held).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var chunk in selected.Chunk(1000))
        {
            // A lead is pending only with its entry: the two writes commit together or not at all (a failed write
            // once left leads pending with nothing queued, which no drain ever settles). One INSERT … SELECT per
            // thousand (LeadSyncTransitions.Queue.cs), then the leads that got an entry are pending.
            await using var transaction = await OwnTransactionAsync(db, cancellationToken);
            var queued = await InsertEntriesAsync(db, chunk, trigger, now, reservation, cancellationToken);
            await db.Leads.Where(l => queued.Contains(l.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.SyncState, SyncState.Pending)
                .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
            await CommitOwnAsync(transaction, cancellationToken);
        }
    }

    /// <summary>A transaction of the transition's own, or null when the caller's is open (the caller commits).</summary>
    private static async Task<IDbContextTransaction?> OwnTransactionAsync(LeadSyncDbContext db, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private static Task CommitOwnAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken) =>
        transaction is null ? Task.CompletedTask : transaction.CommitAsync(cancellationToken);

    /// <summary>
    /// The selected leads' queued entries become due now; those not in flight elsewhere join the reservation (due for
    /// nobody else until it ends: <see cref="OutboxReservation"/>).
    /// </summary>
    private static async Task DueNowAsync(
        LeadSyncDbContext db, IQueryable<Guid> leadIds, DateTimeOffset now, OutboxReservation? reservation, CancellationToken cancellationToken)
    {
        var queued = db.Set<OutboxEntry>().Where(e => !e.DeadLettered && leadIds.Contains(e.LeadId));
        if (reservation is null)
        {
            // Entries another run keeps stay its own, out of the ordinary claim's way (OutboxReservation).
            await queued.Where(e => e.ReservedFor == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, now), cancellationToken);
            return;
        }

        // In flight elsewhere, or a held lead's (it waits for a person): due now, not reserved (nor another run's).
        var unreserved = queued.Where(e => e.ReservedFor == null);
        await unreserved.Where(e => e.ClaimedUntil != null && e.ClaimedUntil >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, now), cancellationToken);
        await OfHeldLeads(db, unreserved).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, now), cancellationToken);
        await OfUnheldLeads(db, queued.Where(e => e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => KeepFor(s, reservation), cancellationToken);
    }

    /// <summary>An entry kept for a run (<see cref="OutboxReservation"/>): claimed by it, and due for nobody else, until the reservation ends.</summary>
    private static void KeepFor(UpdateSettersBuilder<OutboxEntry> setters, OutboxReservation reservation) => setters
        .SetProperty(e => e.NextAttemptAt, reservation.Until)
        .SetProperty(e => e.ReservedFor, reservation.RunId)
        .SetProperty(e => e.ClaimedBy, reservation.ClaimedBy)
        .SetProperty(e => e.ClaimedUntil, reservation.Until);

    /// <summary>
    /// A person retries failed pushes (all, or of <paramref name="leadIds"/>): failed or dead-lettered entries start
    /// their attempts afresh, leads showing a refusal with nothing queued (a refused Zoho copy) get an entry, and the
    /// leads in Error or DeadLetter are pending. With a <paramref name="reservation"/> (a retry of a selection, done a
    /// chunk at a time) every such entry not in flight elsewhere and not of a held lead is kept for that run.
    /// </summary>
    public static async Task RetryFailedAsync(
        LeadSyncDbContext db, IReadOnlyCollection<Guid>? leadIds, DateTimeOffset now, CancellationToken cancellationToken, OutboxReservation? reservation = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await OwnTransactionAsync(db, cancellationToken); // entries and states together
        var entries = db.Set<OutboxEntry>().Where(e => e.DeadLettered || e.Attempts > 0 || e.LastErrorCode != null);
        var leads = db.Leads.Where(l => l.SyncState == SyncState.Error || l.SyncState == SyncState.DeadLetter);
        if (leadIds is not null)
        {
            entries = entries.Where(e => leadIds.Contains(e.LeadId));
            leads = leads.Where(l => leadIds.Contains(l.Id));
        }

        var free = OfUnheldLeads(db, entries.Where(e => e.ClaimedUntil == null || e.ClaimedUntil < now));
        var runId = reservation?.RunId;
        var due = OutboxReservation.DueAt(reservation, now);
        if (reservation is not null)
        {
            await free.ExecuteUpdateAsync(s => KeepFor(s, reservation), cancellationToken);
        }

        await entries.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.DeadLettered, false)
            .SetProperty(e => e.Attempts, 0)
            .SetProperty(e => e.NextAttemptAt, e => e.ReservedFor == null ? now : e.ReservedFor == runId ? due : e.NextAttemptAt) // reserved: the run's alone
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);

        var unqueued = await leads.Where(l => !db.Set<OutboxEntry>().Any(e => e.LeadId == l.Id))
            .Select(l => new { l.Id, l.ZohoId }).ToListAsync(cancellationToken);
        foreach (var lead in unqueued)
        {
            db.Add(new OutboxEntry
            {
                LeadId = lead.Id, Operation = OutboxOperation.Upsert, ZohoId = lead.ZohoId, Revision = 1,
                CreatedAt = now, UpdatedAt = now, NextAttemptAt = due, Trigger = ChangeSource.Manual,
                ReservedFor = reservation?.RunId, ClaimedBy = reservation?.ClaimedBy, ClaimedUntil = reservation?.Until,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await leads.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.SyncState, SyncState.Pending)
            .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        await CommitOwnAsync(transaction, cancellationToken);
    }

    /// <summary>
    /// Claimed creates going out for the first time remember that attempt: its email and when it was made
    /// (<see cref="OutboxEntry.CreateEmail"/>, <see cref="OutboxEntry.CreateAttemptedAt"/>).
    /// </summary>
    internal static Task RecordFirstAttemptsAsync(LeadSyncDbContext db, IReadOnlyCollection<long> entryIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return FirstAttempts(db, entryIds)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.CreateEmail, e => db.Leads.Where(l => l.Id == e.LeadId).Select(l => l.EmailNormalized).FirstOrDefault())
                .SetProperty(e => e.CreateAttemptedAt, now), cancellationToken);
    }

    /// <summary>
    /// The claimed entries (<paramref name="entryIds"/>) that go out as a lead's first push for the first time: upserts
    /// with no attempt recorded, of a lead never linked to Zoho. The lead is looked up by its key for each entry (a
    /// scalar subquery, as <see cref="OfUnheldLeads"/> does), so the statement reads the claimed entries' leads and no
    /// others: as EXISTS, PostgreSQL hashed a scan of every lead for each claim of 1,000 (decision 0006).
    /// </summary>
    internal static IQueryable<OutboxEntry> FirstAttempts(LeadSyncDbContext db, IReadOnlyCollection<long> entryIds) =>
        db.Set<OutboxEntry>().Where(e => entryIds.Contains(e.Id) && e.Operation == OutboxOperation.Upsert && e.CreateEmail == null
            && db.Leads.Where(l => l.Id == e.LeadId).Select(l => (bool?)(l.ZohoId == null)).FirstOrDefault() == true);

    /// <summary>
    /// The rows' primary keys as a list of their parameters (<c>@i0, @i1, …</c>), so each table is read by its key
    /// whatever the planner believes of it: with statistics taken before an import (or of an empty outbox), PostgreSQL
    /// joined the VALUES to a scan of the whole table (decision 0006).
    /// </summary>
    private static string KeyList(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}")));

    /// <summary>Adds a parameter stored the way EF Core stores <paramref name="property"/>; returns its placeholder.</summary>
    private static string Add<TEntity>(LeadSyncDbContext db, DbCommand command, string property, string name, object? value)
    {
        command.Parameters.Add(db.Parameter<TEntity>(property, "@" + name, value, command));
        return "@" + name;
    }
}
