using System.Globalization;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Sync.State;

/// <summary>The outbox entries of many leads queued at once, in one statement (see <see cref="QueueManyAsync"/>).</summary>
public static partial class LeadSyncTransitions
{
    /// <summary>
    /// One new upsert entry for each of <paramref name="leadIds"/> that is not held and has nothing queued, in one
    /// INSERT … SELECT (EF Core's SQLite provider sends one INSERT per entity: a thousand statements per chunk of an
    /// "all matching" push); returns the leads that got one. The entry is the one <see cref="Queue"/> makes.
    /// </summary>
    private static async Task<List<Guid>> InsertEntriesAsync(
        LeadSyncDbContext db, Guid[] leadIds, ChangeSource trigger, DateTimeOffset now, OutboxReservation? reservation, CancellationToken cancellationToken)
    {
        if (leadIds.Length == 0)
        {
            return [];
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await InsertEntriesOpenAsync(db, leadIds, trigger, now, reservation, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // One SQL statement with its parameters, built in one place: splitting the text apart would hide the statement.
    private static async Task<List<Guid>> InsertEntriesOpenAsync(
        LeadSyncDbContext db, Guid[] leadIds, ChangeSource trigger, DateTimeOffset now, OutboxReservation? reservation, CancellationToken cancellationToken)
    {
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var ids = new StringBuilder();
        for (var i = 0; i < leadIds.Length; i++)
        {
            ids.Append(i == 0 ? "" : ", ").Append(Add<Lead>(db, insert, nameof(Lead.Id), string.Create(CultureInfo.InvariantCulture, $"l{i}"), leadIds[i]));
        }

        insert.CommandText = $"""
            INSERT INTO "Outbox" ("LeadId", "Operation", "ZohoId", "Revision", "Attempts", "CreatedAt", "UpdatedAt", "NextAttemptAt",
                "DeadLettered", "Trigger", "ReservedFor", "ClaimedBy", "ClaimedUntil")
            SELECT l."Id", {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.Operation), "op", OutboxOperation.Upsert)}, l."ZohoId", 1, 0,
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.CreatedAt), "now", now)}, @now,
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.NextAttemptAt), "due", OutboxReservation.DueAt(reservation, now))},
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.DeadLettered), "live", false)},
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.Trigger), "trigger", trigger)},
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.ReservedFor), "run", reservation?.RunId)},
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.ClaimedBy), "by", reservation?.ClaimedBy)},
                {Add<OutboxEntry>(db, insert, nameof(OutboxEntry.ClaimedUntil), "until", reservation?.Until)}
            FROM "Leads" AS l
            WHERE l."Id" IN ({ids}) AND l."SyncState" <> {Add<Lead>(db, insert, nameof(Lead.SyncState), "held", Held)}
              AND NOT EXISTS (SELECT 1 FROM "Outbox" AS o WHERE o."LeadId" = l."Id")
            RETURNING "LeadId"
            """;
        var queued = new List<Guid>(leadIds.Length);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            queued.Add(reader.GetGuid(0));
        }

        return queued;
    }
}
