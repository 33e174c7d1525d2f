using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
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
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<PushResultApplier> logger)
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

        if (SyncedBatchWriter.Covers(outcomes) && await TryApplySyncedAsync(outcomes, run))
        {
            return;
        }

        var opts = options.CurrentValue;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            using var turn = await writeGate.EnterAsync(db, CancellationToken.None);
            var now = clock.GetUtcNow();
            var entryIds = outcomes.Select(o => o.Claim.EntryId).ToList();
            var leadIds = outcomes.Select(o => o.Claim.LeadId).Distinct().ToList();
            var entries = await db.Set<OutboxEntry>().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, CancellationToken.None);
            var leads = await db.Leads.Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, CancellationToken.None);
            var tally = new Tally();
            var changed = new List<(Guid LeadId, SyncState? State, SyncError? Error)>();

            foreach (var outcome in outcomes)
            {
                var claim = outcome.Claim;
                entries.TryGetValue(claim.EntryId, out var entry);
                leads.TryGetValue(claim.LeadId, out var lead);
                var same = entry is not null && entry.Revision == claim.Revision;
                switch (outcome.Kind)
                {
                    case PushOutcomeKind.Done when claim.Operation == OutboxOperation.Delete:
                    case PushOutcomeKind.Skipped:
                        LeadSyncTransitions.Synced(db, null, entry, same, now);

                        if (claim.Operation == OutboxOperation.Delete && outcome.Kind == PushOutcomeKind.Done)
                        {
                            tally.Deleted++;
                            History(db, claim.LeadId, run, now, LeadHistoryOutcome.Deleted, null, null);
                        }

                        break;

                    case PushOutcomeKind.Done:
                        ApplySuccess(db, claim, outcome.Result!, entry, lead, same, now, run, tally, changed);
                        break;

                    case PushOutcomeKind.Unchanged:
                        tally.Unchanged++;
                        LeadSyncTransitions.Synced(db, lead, entry, same, now); // edited since the claim: the new values go next
                        if (same && lead is not null)
                        {
                            changed.Add((lead.Id, lead.SyncState, null));
                        }

                        break;

                    case PushOutcomeKind.Merged:
                        LeadSyncTransitions.GiveBack(entry); // The merge re-queued (or settled) the lead: its entry is due again or done.
                        break;

                    case PushOutcomeKind.Relink:
                        if (lead is not null && lead.ZohoId == claim.LeadZohoId)
                        {
                            // Zoho's record is gone but the lead was edited here: a local edit after a Zoho delete
                            // re-creates it (upsert by email), so nothing typed here is lost. See docs/decisions.
                            LeadSyncTransitions.Unlink(db, lead, null, null, now);
                            History(db, lead.Id, run, now, LeadHistoryOutcome.Relinked, null, outcome.Error);
                        }

                        if (entry is not null)
                        {
                            LeadSyncTransitions.RecreateFromLead(entry, now);
                        }

                        break;

                    case PushOutcomeKind.Transient:
                        tally.Failed++;
                        if (entry is not null)
                        {
                            LeadSyncTransitions.RetryLater(entry, claim, outcome.Error, countsAsAttempt: same,
                                attempts => Backoff.Delay(attempts, opts.RetryBaseDelay, opts.RetryMaxDelay), now);
                        }

                        break;

                    case PushOutcomeKind.Rejected:
                        tally.Failed++;
                        if (entry is null)
                        {
                            break;
                        }

                        if (!same)
                        {
                            LeadSyncTransitions.GiveBack(entry); // The values Zoho refused are already replaced: try the new ones now.
                            break;
                        }

                        var error = outcome.Error!;
                        var dead = LeadSyncTransitions.Refused(lead, entry, error, opts.MaxAttempts,
                            attempts => Backoff.Delay(attempts, opts.RetryBaseDelay, opts.RetryMaxDelay), now);
                        if (lead is not null)
                        {
                            changed.Add((lead.Id, lead.SyncState, lead.LastError));
                        }

                        History(db, claim.LeadId, run, now, dead ? LeadHistoryOutcome.DeadLettered : LeadHistoryOutcome.Failed, null, error);
                        break;
                }
            }

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                continue; // Someone edited a lead or its entry meanwhile: re-read and apply again.
            }

            tally.AddTo(run);
            PublishChanges(changed, run.RunId);
            return;
        }
    }

    /// <summary>
    /// The set-based path for a batch Zoho wrote completely; false when a lead or entry moved since the claim, or when
    /// the database refused the statements (a deadlock with a concurrent pull on PostgreSQL): the record-by-record
    /// path then applies the batch.
    /// </summary>
    private async Task<bool> TryApplySyncedAsync(List<PushOutcome> outcomes, SyncRunContext run)
    {
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        using (await writeGate.EnterAsync(db, CancellationToken.None))
        {
            try
            {
                if (!await SyncedBatchWriter.TryApplyAsync(db, outcomes, run.RunId, clock.GetUtcNow(), CancellationToken.None))
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

    private void ApplySuccess(
        LeadSyncDbContext db,
        ClaimedEntry claim,
        ZohoWriteResult result,
        OutboxEntry? entry,
        Lead? lead,
        bool same,
        DateTimeOffset now,
        SyncRunContext run,
        Tally tally,
        List<(Guid LeadId, SyncState? State, SyncError? Error)> changed)
    {
        var created = PushOutcome.IsCreateOf(claim, result);
        if (lead is null)
        {
            // Deleted here while its first push was in flight: the record now exists in Zoho, so delete it there too.
            LeadSyncTransitions.QueueOrphanDelete(db, claim.LeadId, entry, result.Id, options.CurrentValue.PropagateDeletes.ToZoho, now);
            return;
        }

        var before = lead.AgreedSnapshot;
        lead.ZohoId = result.Id ?? lead.ZohoId;
        if (result.ModifiedTime is { } modified && (lead.ZohoModifiedTime is null || modified >= lead.ZohoModifiedTime))
        {
            lead.ZohoModifiedTime = modified;
        }

        lead.AgreedSnapshot = claim.Fields;
        lead.LastSyncedAt = now;
        // Edited during the flight (or sent under its first attempt's email): the lead's values go next.
        var settled = same && lead.Fields.SameValuesAs(claim.Fields!);
        LeadSyncTransitions.Synced(db, lead, entry, settled, now);
        if (settled)
        {
            changed.Add((lead.Id, lead.SyncState, null));
        }

        if (created)
        {
            tally.Created++;
        }
        else
        {
            tally.Updated++;
        }

        History(db, lead.Id, run, now, created ? LeadHistoryOutcome.Created : LeadHistoryOutcome.Updated, LeadMapper.Describe(before, claim.Fields!), null);
    }

    private static void History(LeadSyncDbContext db, Guid leadId, SyncRunContext run, DateTimeOffset now, LeadHistoryOutcome outcome, string? changes, ZohoRecordError? error) =>
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Push, Outcome = outcome, Changes = changes,
            ErrorCode = error?.Code, ErrorMessage = Truncate(error?.Message),
        });

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

    private static string? Truncate(string? value) => value is { Length: > 2000 } ? value[..2000] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a push batch set-based failed; applying it record by record instead")]
    private partial void LogSetBasedApplyFailed(Exception exception);

    private sealed class Tally
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Deleted { get; set; }

        public int Failed { get; set; }

        public int Unchanged { get; set; }

        public void AddTo(SyncRunContext run)
        {
            run.AddCreated(Created);
            run.AddUpdated(Updated);
            run.AddDeleted(Deleted);
            run.AddFailed(Failed);
            run.AddUnchanged(Unchanged);
        }
    }
}
