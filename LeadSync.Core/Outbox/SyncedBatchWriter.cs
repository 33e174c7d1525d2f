using System.Data.Common;
using System.Globalization;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The common case of a push — every record of the batch written — applied in three set-based statements in one
/// transaction: the leads become Synced (Zoho id, Modified_Time, agreed snapshot), their entries are deleted, and one
/// history row per lead is added. Optimistic: each lead must still have the version it had when claimed and each
/// entry its revision. When anything moved meanwhile (an edit during the flight, a pull, a conflict) it writes nothing
/// and returns false, and <see cref="OutboxProcessor"/> applies the batch record by record instead.
/// Parameters come from <see cref="ModelParameters"/>, so values are stored exactly as EF Core stores them.
/// </summary>
internal static class SyncedBatchWriter
{
    private const string SyncedState = nameof(SyncState.Synced);
    private const string ConflictState = nameof(SyncState.Conflict);

    /// <summary>True when every outcome is a successful create or update of a lead that existed when claimed.</summary>
    public static bool Covers(IReadOnlyList<PushOutcome> outcomes) =>
        outcomes.Count > 0 && outcomes.All(o =>
            o.Kind == PushOutcomeKind.Done && o.Claim.Operation == OutboxOperation.Upsert && o.Claim.Fields is not null
            && o.Claim.LeadVersion is not null && o.Result?.Id is not null
            && !o.Claim.SentUnderFirstEmail);

    public static async Task<bool> TryApplyAsync(
        LeadSyncDbContext db, IReadOnlyList<PushOutcome> outcomes, Guid runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Rows in key order, so concurrent writers lock the same leads and entries in one order as far as we decide it.
        outcomes = [.. outcomes.OrderBy(o => o.Claim.LeadId)];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        await using (var update = Command(connection, dbTransaction))
        {
            var rows = new StringBuilder();
            for (var i = 0; i < outcomes.Count; i++)
            {
                var (claim, result) = (outcomes[i].Claim, outcomes[i].Result!);
                rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"({Add<Lead>(db, update, nameof(Lead.Id), $"i{i}", claim.LeadId)}, {Add<Lead>(db, update, nameof(Lead.Version), $"v{i}", claim.LeadVersion)}, " +
                    $"{Add<Lead>(db, update, nameof(Lead.ZohoId), $"z{i}", result.Id)}, {Add<Lead>(db, update, nameof(Lead.ZohoModifiedTime), $"m{i}", result.ModifiedTime)}, " +
                    $"{Add<Lead>(db, update, nameof(Lead.AgreedSnapshot), $"s{i}", claim.Fields)})");
            }

            update.CommandText = $"""
                WITH "v"("Id", "Version", "ZohoId", "ZohoModifiedTime", "Snapshot") AS (VALUES {rows})
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
                WHERE "Leads"."Id" = "v"."Id" AND "Leads"."Version" = "v"."Version" AND "Leads"."SyncState" <> '{ConflictState}'
                """;
            if (await update.ExecuteNonQueryAsync(cancellationToken) != outcomes.Count)
            {
                return false; // Disposing the transaction rolls back.
            }
        }

        await using (var delete = Command(connection, dbTransaction))
        {
            var rows = string.Join(", ", outcomes.Select((o, i) =>
                $"({Add<OutboxEntry>(db, delete, nameof(OutboxEntry.Id), $"e{i}", o.Claim.EntryId)}, {Add<OutboxEntry>(db, delete, nameof(OutboxEntry.Revision), $"r{i}", o.Claim.Revision)})"));
            delete.CommandText = $"""
                WITH "d"("Id", "Revision") AS (VALUES {rows})
                DELETE FROM "Outbox"
                WHERE "Id" IN (SELECT "Id" FROM "d")
                  AND EXISTS (SELECT 1 FROM "d" WHERE "d"."Id" = "Outbox"."Id" AND "d"."Revision" = "Outbox"."Revision")
                """;
            if (await delete.ExecuteNonQueryAsync(cancellationToken) != outcomes.Count)
            {
                return false;
            }
        }

        await LeadHistoryWriter.InsertAsync(db, outcomes.Select(o => new LeadHistoryEntry
        {
            LeadId = o.Claim.LeadId, RunId = runId, At = now, Direction = SyncDirection.Push,
            Outcome = o.IsCreate ? "Created" : "Updated", Changes = LeadMapper.Describe(o.Claim.Snapshot, o.Claim.Fields!),
        }).ToList(), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter stored the way EF Core stores <paramref name="property"/>; returns its placeholder.</summary>
    private static string Add<TEntity>(LeadSyncDbContext db, DbCommand command, string property, string name, object? value)
    {
        command.Parameters.Add(db.Parameter<TEntity>(property, "@" + name, value, command));
        return "@" + name;
    }
}
