using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Applies a Bulk Write job's per-row result (docs/zoho §6.2) through the record path's <see cref="PushResultApplier"/>,
/// a chunk at a time, so each row ends as a pushed record would: linked with Zoho's id, agreed values and Synced — or
/// with the row's own error on the lead (a completed job can still hold failed rows). Progress is saved per chunk, so
/// a restart continues after the last chunk applied.
/// </summary>
public sealed class BulkWriteResultApplier(PushResultApplier applier, BulkWriteStore store)
{
    public const int ChunkSize = 500;

    /// <summary>Applies the result rows after <see cref="BulkWriteJob.RowsApplied"/>.</summary>
    public async Task ApplyAsync(BulkWriteJob job, byte[] result, BulkPushTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(tally);
        var rows = await store.RowsAsync(job.Id, cancellationToken);
        var results = ZohoBulkWriteResultReader.Read(result).ToDictionary(r => r.Row);
        foreach (var chunk in rows.Skip(job.RowsApplied).Chunk(ChunkSize))
        {
            var outcomes = chunk.Select(r => Outcome(r, results.GetValueOrDefault(r.Row))).ToList();
            await ApplyChunkAsync(job, outcomes, tally, cancellationToken);
        }
    }

    /// <summary>Every row not yet applied goes back to the outbox as a passing failure with <paramref name="error"/> (a failed or unknown job).</summary>
    public async Task GiveBackAsync(BulkWriteJob job, ZohoRecordError error, BulkPushTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rows = await store.RowsAsync(job.Id, cancellationToken);
        foreach (var chunk in rows.Skip(job.RowsApplied).Chunk(ChunkSize))
        {
            var outcomes = chunk.Select(r => new PushOutcome(r.ToClaim(), PushOutcomeKind.Transient, null, error)).ToList();
            await ApplyChunkAsync(job, outcomes, tally, cancellationToken);
        }
    }

    private async Task ApplyChunkAsync(BulkWriteJob job, List<PushOutcome> outcomes, BulkPushTally tally, CancellationToken cancellationToken)
    {
        if (!await store.RenewAsync(job, cancellationToken))
        {
            throw new BulkWriteJobTakenException(job.Id); // its new follower applies the rows from the last chunk saved
        }

        await applier.ApplyAsync(outcomes, tally.Run, cancellationToken);
        var failed = outcomes.Count(o => o.Kind is PushOutcomeKind.Rejected or PushOutcomeKind.Transient or PushOutcomeKind.FieldRefused);
        job.RowsApplied += outcomes.Count;
        job.RowsFailed += failed;
        tally.Run.AddProcessed(outcomes.Count);
        await store.SaveAsync(job, cancellationToken);
        tally.Applied(outcomes.Count, failed);
    }

    /// <summary>
    /// One row's outcome: written (added or updated by email), refused with its own error, or — no result for it, or a
    /// result for another email — a passing failure tried again later.
    /// </summary>
    private static PushOutcome Outcome(BulkWriteJobRow row, ZohoBulkWriteRow? result)
    {
        var claim = row.ToClaim();
        if (result is null || (result.Email is { } email && !string.Equals(Lead.NormalizeEmail(email), Lead.NormalizeEmail(row.Values!.Email), StringComparison.Ordinal)))
        {
            return new PushOutcome(claim, PushOutcomeKind.Transient, null, new ZohoRecordError("NO_RESULT", "Zoho's bulk write result has no row for this lead."));
        }

        if (result.Written)
        {
            var written = new ZohoWriteResult(row.Row, result.RecordId, result.ModifiedTime, result.Updated ? "update" : "insert", null);
            return new PushOutcome(claim, PushOutcomeKind.Done, written, null);
        }

        var error = result.Error ?? new ZohoRecordError("NO_RESULT", $"Zoho's bulk write left the row {result.Status.ToLowerInvariant()} without an error.");
        var kind = result.Error is null ? PushOutcomeKind.Transient : PushOutcomes.KindOf(error, isDelete: false, linked: false);
        return new PushOutcome(claim, kind, new ZohoWriteResult(row.Row, null, null, null, error), error);
    }
}
