using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The common case of a push — every record of the batch written — applied in three set-based statements in one
/// transaction: <see cref="LeadSyncTransitions.PrepareSyncedInBulk"/> (leads Synced, entries gone), one history row
/// per lead, and the echoes Zoho's notifications of these writes will consume (<see cref="OwnWriteEchoes"/>). The
/// statements are built first (<see cref="Prepare"/>: the agreed values serialised, the history described, everything
/// bound), so that the SQLite write gate is held only while they run (<see cref="TryApplyAsync"/>). Optimistic: each
/// lead must still have the version it had when claimed and each entry its revision. When anything moved meanwhile
/// (an edit during the flight, a pull, a conflict) it writes nothing and returns false, and
/// <see cref="OutboxProcessor"/> applies the batch record by record instead.
/// Parameters come from <see cref="ModelParameters"/>, so values are stored exactly as EF Core stores them.
/// </summary>
internal static class SyncedBatchWriter
{
    /// <summary>True when every outcome is a successful create or update of a lead that existed when claimed.</summary>
    public static bool Covers(IReadOnlyList<PushOutcome> outcomes) =>
        outcomes.Count > 0 && outcomes.All(o =>
            o.Kind == PushOutcomeKind.Done && o.Claim.Operation == OutboxOperation.Upsert && o.Claim.Fields is not null
            && o.Claim.LeadVersion is not null && o.Result?.Id is not null
            && !o.Claim.SentUnderFirstEmail && !o.Claim.HasFieldErrors);

    /// <summary>The batch's statements, built on <paramref name="db"/>'s connection before any write begins.</summary>
    public static Prepared Prepare(LeadSyncDbContext db, IReadOnlyList<PushOutcome> outcomes, Guid runId, DateTimeOffset now)
    {
        // Rows in key order, so concurrent writers lock the same leads and entries in one order as far as we decide it.
        outcomes = [.. outcomes.OrderBy(o => o.Claim.LeadId)];
        var rows = outcomes.Select(o => new LeadSyncTransitions.SyncedRow(
            o.Claim.LeadId, o.Claim.LeadVersion!.Value, o.Result!.Id!, o.Result.ModifiedTime, o.Claim.Fields!, o.Claim.EntryId, o.Claim.Revision, o.Claim.FieldsAsStored)).ToList();
        var history = LeadHistoryWriter.Prepare(db, outcomes.Select(o => new LeadHistoryEntry
        {
            LeadId = o.Claim.LeadId, RunId = runId, At = now, Direction = SyncDirection.Push,
            Outcome = o.IsCreate ? LeadHistoryOutcome.Created : LeadHistoryOutcome.Updated, Changes = LeadMapper.Describe(o.Claim.Agreed, o.Claim.Fields!),
        }).ToList());
        return new Prepared(LeadSyncTransitions.PrepareSyncedInBulk(db, rows, now), history);
    }

    /// <summary>Runs the prepared statements and saves <paramref name="echoes"/> in one transaction; false (nothing written) when a row moved.</summary>
    public static async Task<bool> TryApplyAsync(LeadSyncDbContext db, Prepared batch, IReadOnlyList<ExpectedEcho> echoes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await batch.Synced.TryExecuteAsync(transaction.GetDbTransaction(), cancellationToken))
        {
            return false; // Disposing the transaction rolls back.
        }

        await batch.History.ExecuteAsync(db, cancellationToken);
        if (echoes.Count > 0)
        {
            db.AddRange(echoes);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A batch's statements, bound and ready to run.</summary>
    public sealed record Prepared(SyncedInBulkStatements Synced, HistoryInsertStatements History) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Synced.DisposeAsync();
            await History.DisposeAsync();
        }
    }
}
