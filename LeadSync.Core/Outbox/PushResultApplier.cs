using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using LeadSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Stores what a push batch did: each outcome with its entry in one save, through <see cref="LeadSyncTransitions"/> —
/// set-based when Zoho wrote the whole batch (<see cref="SyncedBatchWriter"/>), record by record otherwise — with the
/// lead's history, the run's counts and the live events.
/// </summary>
public sealed partial class PushResultApplier(
    IDbContextFactory<LeadSyncDbContext> contexts,
    ISyncEventSink events,
    SyncInstance instance,
    SqliteWriteGate writeGate,
    OwnWriteEchoes echoes,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<PushResultApplier> logger,
    Fields.FieldMetadataRefreshTrigger? refreshTrigger = null)
{
    /// <summary>
    /// Applies every outcome with its entry in one save. An entry whose revision moved meanwhile (edited during the
    /// flight) keeps its Zoho id and snapshot from this result but stays due and the lead Pending.
    /// </summary>
    public async Task ApplyAsync(List<PushOutcome> outcomes, SyncRunContext run, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        using var span = Diagnostics.SyncTelemetry.StartDatabaseBatch("apply push results", outcomes.Count);
        var written = WrittenZohoIds(outcomes);
        if (SyncedBatchWriter.Covers(outcomes) && await TryApplySyncedAsync(outcomes, echoes.Rows(written), run))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            using var turn = await writeGate.EnterAsync(db, CancellationToken.None);
            var batch = await PushResultBatch.LoadAsync(db, run, outcomes, options.CurrentValue, clock.GetUtcNow());
            foreach (var outcome in outcomes)
            {
                batch.Apply(outcome);
            }

            db.AddRange(echoes.Rows(written)); // saved with the outcomes: one commit

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                continue; // Someone edited a lead or its entry meanwhile: re-read and apply again.
            }

            batch.Tally.AddTo(run);
            PublishChanges(batch.Changed, run.RunId);
            if (outcomes.Any(o => o.Kind == PushOutcomeKind.FieldRefused))
            {
                refreshTrigger?.Request(); // Zoho probably changed the field: the mapping page should flag it now
            }

            return;
        }
    }

    /// <summary>
    /// The set-based path for a batch Zoho wrote completely; false when a lead or entry moved since the claim, or when
    /// the database refused the statements (a deadlock with a concurrent pull on PostgreSQL): the record-by-record
    /// path then applies the batch.
    /// </summary>
    private async Task<bool> TryApplySyncedAsync(List<PushOutcome> outcomes, List<ExpectedEcho> echoRows, SyncRunContext run)
    {
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            // Built before the gate is taken, so the synced time and the history's time are when the batch was prepared,
            // before it waited its turn (tens of milliseconds under load); an edit meanwhile fails the version check.
            await using var batch = SyncedBatchWriter.Prepare(db, outcomes, run.RunId, clock.GetUtcNow());
            using var turn = await writeGate.EnterAsync(db, CancellationToken.None);
            try
            {
                if (!await SyncedBatchWriter.TryApplyAsync(db, batch, echoRows, CancellationToken.None))
                {
                    return false;
                }
            }
            catch (DbException ex)
            {
                LogSetBasedApplyFailed(ex);
                return false; // The transaction was rolled back when it was disposed.
            }
        }

        var created = outcomes.Count(o => o.IsCreate);
        run.AddCreated(created);
        run.AddUpdated(outcomes.Count - created);
        PublishChanges(outcomes.Select(o => (o.Claim.LeadId, (SyncState?)SyncState.Synced, (SyncError?)null)).ToList(), run.RunId);
        return true;
    }

    /// <summary>The Zoho records this batch wrote (created, updated or deleted): each will be notified back once.</summary>
    private static List<(string ZohoId, DateTimeOffset? ZohoTime)> WrittenZohoIds(List<PushOutcome> outcomes) =>
        [.. outcomes.Where(o => o.Kind == PushOutcomeKind.Done)
            .Select(o => o.Claim.Operation == OutboxOperation.Delete
                ? (ZohoId: o.Claim.ZohoId ?? o.Claim.LeadZohoId, ZohoTime: (DateTimeOffset?)null)
                : (ZohoId: o.Result?.Id, ZohoTime: o.Result?.ModifiedTime))
            .Where(w => w.ZohoId is not null)
            .Select(w => (w.ZohoId!, w.ZohoTime))];

    private void PublishChanges(List<(Guid LeadId, SyncState? State, SyncError? Error)> changed, Guid runId)
    {
        var now = clock.GetUtcNow();
        if (changed.Count > 20)
        {
            events.Publish(new LeadsChanged(now, instance.Id, changed.Count, runId));
            foreach (var (leadId, state, error) in changed.Where(c => c.State is SyncState.Error or SyncState.DeadLetter))
            {
                events.Publish(new LeadStateChanged(now, instance.Id, leadId, state, error));
            }

            return;
        }

        foreach (var (leadId, state, error) in changed)
        {
            events.Publish(new LeadStateChanged(now, instance.Id, leadId, state, error));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a push batch set-based failed; applying it record by record instead")]
    private partial void LogSetBasedApplyFailed(Exception exception);
}
