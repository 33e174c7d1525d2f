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
/// Drains the outbox: claims due entries (up to ten batches of 100 at a time), sends each batch as one upsert call (new leads, by
/// Email so a retry never duplicates) and/or one update call (linked leads) and one delete call, and applies each
/// result together with its entry in one save — set-based when Zoho wrote the whole batch (<see cref="SyncedBatchWriter"/>),
/// record by record otherwise. Up to <c>MaxParallelBatches</c> batches are worked on at once.
/// </summary>
public sealed partial class OutboxProcessor(
    IDbContextFactory<LeadSyncDbContext> contexts,
    OutboxClaimer claimer,
    IZohoClient zoho,
    LeadPuller puller,
    LostCreateRecovery lostCreates,
    SyncRunRecorder runs,
    SyncEngineStatus status,
    ISyncEventSink events,
    SyncInstance instance,
    SqliteWriteGate writeGate,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger) : IDisposable
{
    private static readonly string[] DuplicateCheckFields = ["Email"];

    /// <summary>
    /// How long after a record's last Zoho Modified_Time (whole seconds) an update's condition is safe to rely on: the
    /// rest of that second, plus a second for the difference between Zoho's clock and ours.
    /// </summary>
    private static readonly TimeSpan FreshRecordMargin = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim coalesce = new(1, 1);
    private int again;

    /// <summary>
    /// Drains everything due, coalescing: a call while a drain runs makes that drain go round once more and returns.
    /// </summary>
    public async Task DrainCoalescedAsync(SyncTrigger trigger, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref again, 1);
        if (!await coalesce.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            while (Interlocked.Exchange(ref again, 0) == 1 && !cancellationToken.IsCancellationRequested)
            {
                await DrainAsync(trigger, null, cancellationToken);
            }
        }
        finally
        {
            coalesce.Release();
        }
    }

    /// <summary>
    /// Drains everything due now. One <see cref="SyncRun"/> per drain, created when the first batch is claimed
    /// (or given by the caller). Returns the run, or null when nothing was due.
    /// </summary>
    public async Task<Guid?> DrainAsync(SyncTrigger trigger, SyncRunContext? run, CancellationToken cancellationToken)
    {
        if (status.IsUnauthorized)
        {
            if (run is not null)
            {
                await runs.FinishAsync(run, "Zoho refuses LeadSync's credentials; changes stay queued until they work again.");
            }

            return run?.RunId;
        }

        var workers = options.CurrentValue.MaxParallelBatches ?? 20;
        var gate = new Lock();
        string? error = null;
        var stop = false;

        // The run is created by the first worker that claims something, once: the others await the same task.
        var given = run;
        var created = new Lazy<Task<SyncRunContext>>(async () =>
        {
            run = given ?? await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
            return run;
        });

        Task<SyncRunContext> RunAsync() => created.Value;

        // Claims are taken several batches at a time and handed out one batch per worker: one claim statement (and one
        // read of the values) per ten batches instead of per batch. Whatever is still held when the drain ends is given
        // back below.
        var claimed = new Queue<IReadOnlyList<ClaimedEntry>>();
        using var refill = new SemaphoreSlim(1, 1);
        var claimSize = Math.Clamp(workers / 2, 1, 10) * SyncOptions.BatchSize;

        async Task<IReadOnlyList<ClaimedEntry>> NextBatchAsync()
        {
            await refill.WaitAsync(cancellationToken);
            try
            {
                if (claimed.Count == 0)
                {
                    foreach (var chunk in (await claimer.ClaimAsync(claimSize, cancellationToken)).Chunk(SyncOptions.BatchSize))
                    {
                        claimed.Enqueue(chunk);
                    }
                }

                return claimed.TryDequeue(out var batch) ? batch : [];
            }
            finally
            {
                refill.Release();
            }
        }

        async Task WorkAsync()
        {
            while (!Volatile.Read(ref stop) && !cancellationToken.IsCancellationRequested && !status.IsUnauthorized)
            {
                var batch = await NextBatchAsync();
                if (batch.Count == 0)
                {
                    return;
                }

                var current = await RunAsync();
                SyncRunContext.Current = current;
                status.PushStarted(batch.Count);
                try
                {
                    var outcome = await PushBatchAsync(batch, current, cancellationToken);
                    if (outcome is not null)
                    {
                        lock (gate)
                        {
                            error = outcome;
                        }

                        Volatile.Write(ref stop, true);
                    }
                }
                finally
                {
                    status.PushFinished(batch.Count);
                }

                current.AddProcessed(batch.Count);
                runs.Progress(current);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDrainFailed(ex);
            error ??= ex.Message;
        }
        finally
        {
            if (claimed.Count > 0)
            {
                await claimer.ReleaseAsync(claimed.SelectMany(b => b).Select(c => c.EntryId).ToList(), CancellationToken.None);
            }

            await RefreshPendingCountAsync();
            if (run is not null)
            {
                await runs.FinishAsync(run, error);
            }
        }

        return run?.RunId;
    }

    /// <summary>Sends one claimed batch and applies the results. Returns an error that should stop the drain, if any.</summary>
    private async Task<string?> PushBatchAsync(IReadOnlyList<ClaimedEntry> batch, SyncRunContext run, CancellationToken cancellationToken)
    {
        var outcomes = new List<PushOutcome>(batch.Count);
        var vanished = batch.Where(c => c.Operation == OutboxOperation.Upsert && c.Fields is null).ToList();
        var deletes = batch.Where(c => c.Operation == OutboxOperation.Delete).ToList();
        var creates = batch.Where(c => c.Operation == OutboxOperation.Upsert && c.Fields is not null && c.LeadZohoId is null).ToList();
        var linked = batch.Where(c => c.Operation == OutboxOperation.Upsert && c.Fields is not null && c.LeadZohoId is not null).ToList();
        var updates = linked.Where(c => !UpdatePlan.NothingToSend(c)).ToList();
        outcomes.AddRange(vanished.Select(c => new PushOutcome(c, PushOutcomeKind.Skipped, null, null)));
        outcomes.AddRange(linked.Where(UpdatePlan.NothingToSend).Select(c => new PushOutcome(c, PushOutcomeKind.Unchanged, null, null)));

        try
        {
            if (deletes.Count > 0)
            {
                var withId = deletes.Where(c => c.ZohoId is not null).ToList();
                outcomes.AddRange(deletes.Where(c => c.ZohoId is null).Select(c => new PushOutcome(c, PushOutcomeKind.Skipped, null, null)));
                if (!options.CurrentValue.PropagateDeletes.ToZoho)
                {
                    outcomes.AddRange(withId.Select(c => new PushOutcome(c, PushOutcomeKind.Skipped, null, null)));
                }
                else if (withId.Count > 0)
                {
                    outcomes.AddRange(await SendAsync(withId, () => zoho.DeleteLeadsAsync(withId.Select(c => c.ZohoId!).ToList(), cancellationToken), isDelete: true, cancellationToken));
                }
            }

            if (creates.Count > 0)
            {
                var recovered = await RecoverLostCreatesAsync(creates, run, cancellationToken);
                outcomes.AddRange(recovered);
                var handled = recovered.Select(o => o.Claim.EntryId).ToHashSet();
                creates = creates.Where(c => !handled.Contains(c.EntryId)).Select(FirstAttemptEmail).ToList();
            }

            if (creates.Count > 0)
            {
                var records = creates.Select(c => LeadMapper.ToZoho(c.Fields!, null)).ToList();
                outcomes.AddRange(await SendAsync(creates, () => zoho.UpsertLeadsAsync(records, DuplicateCheckFields, cancellationToken), isDelete: false, cancellationToken));
            }

            if (updates.Count > 0)
            {
                outcomes.AddRange(await SendUpdatesAsync(updates, run, cancellationToken));
            }
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            // Nothing is counted against the entries: the connection needs a person, not the records.
            status.Unauthorized($"Zoho refused LeadSync's credentials ({ex.Code}). Changes keep queuing; sync resumes when a valid token is configured.");
            var applied = outcomes.Select(o => o.Claim.EntryId).ToHashSet();
            await ApplyAsync(outcomes, run, cancellationToken);
            await claimer.ReleaseAsync(batch.Where(c => !applied.Contains(c.EntryId)).Select(c => c.EntryId).ToList(), CancellationToken.None);
            return $"Zoho refused LeadSync's credentials ({ex.Code}).";
        }

        await ApplyAsync(outcomes, run, cancellationToken);
        return null;
    }

    /// <summary>
    /// Creates whose earlier answer was lost and whose record turns out to exist are linked to it and merged like a pull
    /// (<see cref="LostCreateRecovery"/>); a failure to look is a failure of those creates, tried again later.
    /// </summary>
    private async Task<List<PushOutcome>> RecoverLostCreatesAsync(List<ClaimedEntry> creates, SyncRunContext run, CancellationToken cancellationToken)
    {
        try
        {
            var linked = await lostCreates.LinkAsync(creates, cancellationToken);
            if (linked.Count > 0)
            {
                await puller.MergeCurrentAsync(run, linked.Select(l => l.Record).ToList(), cancellationToken);
            }

            return linked.Select(l => new PushOutcome(l.Claim, PushOutcomeKind.Merged, null, null)).ToList();
        }
        catch (Exception ex) when (PushOutcomes.Failure(ex, cancellationToken) is { } failure)
        {
            return creates.Where(c => c.CreateSnapshot is not null).Select(c => new PushOutcome(c, failure.Kind, null, failure.Error)).ToList();
        }
    }

    /// <summary>
    /// A retried create whose lead changed its email since the first attempt is sent under the first attempt's email:
    /// that attempt may have created the record with its answer lost, and the upsert by email must find it rather than
    /// make a second one. The values recorded as sent say so, so the new email goes next as an update.
    /// </summary>
    private static ClaimedEntry FirstAttemptEmail(ClaimedEntry claim) =>
        claim.CreateEmail is { } first && !string.Equals(first, Lead.NormalizeEmail(claim.Fields!.Email), StringComparison.Ordinal)
            ? claim with { Fields = claim.Fields with { Email = first }, SentUnderFirstEmail = true }
            : claim;

    /// <summary>
    /// Updates go out only over what Zoho holds now (<see cref="UpdatePlan"/>): one read of the records, a pull-style
    /// merge of those Zoho changed since the agreed values, then one conditional update of the rest.
    /// </summary>
    private async Task<IEnumerable<PushOutcome>> SendUpdatesAsync(List<ClaimedEntry> updates, SyncRunContext run, CancellationToken cancellationToken)
    {
        UpdatePlan plan;
        var ids = updates.Select(c => c.LeadZohoId!).ToList();
        try
        {
            plan = UpdatePlan.Make(updates, await zoho.GetLeadsAsync(ids, cancellationToken));
            if (plan.UnmodifiedSince is { } since && clock.GetUtcNow() < since + FreshRecordMargin)
            {
                // Zoho's times have whole seconds: an edit landing after our read but within the second of a record read
                // would pass the condition. Read again once that second is over.
                await Task.Delay(since + FreshRecordMargin - clock.GetUtcNow(), clock, cancellationToken);
                plan = UpdatePlan.Make(updates, await zoho.GetLeadsAsync(ids, cancellationToken));
            }
        }
        catch (Exception ex) when (PushOutcomes.Failure(ex, cancellationToken) is { } failure)
        {
            return updates.Select(c => new PushOutcome(c, failure.Kind, null, failure.Error)).ToList();
        }

        var outcomes = new List<PushOutcome>(updates.Count);
        outcomes.AddRange(plan.Unchanged.Select(c => new PushOutcome(c, PushOutcomeKind.Unchanged, null, null)));
        if (plan.ChangedInZoho.Count > 0)
        {
            await puller.MergeCurrentAsync(run, plan.ChangedInZoho.Select(c => c.Current).ToList(), cancellationToken);
            outcomes.AddRange(plan.ChangedInZoho.Select(c => new PushOutcome(c.Claim, PushOutcomeKind.Merged, null, null)));
        }

        if (plan.Send.Count > 0)
        {
            var claims = plan.Send.Select(s => s.Claim).ToList();
            var records = plan.Send.Select(s => s.Record).ToList();
            outcomes.AddRange(await SendAsync(claims, () => zoho.UpdateLeadsAsync(records, plan.UnmodifiedSince, cancellationToken), isDelete: false, cancellationToken));
        }

        return outcomes;
    }

    private static async Task<IEnumerable<PushOutcome>> SendAsync(
        List<ClaimedEntry> claims, Func<Task<IReadOnlyList<ZohoWriteResult>>> call, bool isDelete, CancellationToken cancellationToken)
    {
        try
        {
            var results = await call();
            var byIndex = results.ToDictionary(r => r.Index);
            return claims.Select((c, i) =>
            {
                if (!byIndex.TryGetValue(i, out var result))
                {
                    return new PushOutcome(c, PushOutcomeKind.Transient, null, new ZohoRecordError("NO_RESULT", "Zoho returned no result for this record."));
                }

                if (result.Success)
                {
                    return new PushOutcome(c, PushOutcomeKind.Done, result, null);
                }

                return new PushOutcome(c, PushOutcomes.KindOf(result.Error!, isDelete, c.LeadZohoId is not null), result, result.Error);
            }).ToList();
        }
        catch (Exception ex) when (PushOutcomes.Failure(ex, cancellationToken) is { } failure)
        {
            return claims.Select(c => new PushOutcome(c, failure.Kind, null, failure.Error)).ToList();
        }
    }

    /// <summary>
    /// Applies every outcome with its entry in one save. An entry whose revision moved meanwhile (edited during the
    /// flight) keeps its Zoho id and snapshot from this result but stays due and the lead Pending.
    /// </summary>
    private async Task ApplyAsync(List<PushOutcome> outcomes, SyncRunContext run, CancellationToken cancellationToken)
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
                            History(db, claim.LeadId, run, now, "Deleted", null, null);
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
                            History(db, lead.Id, run, now, "Relinked", null, outcome.Error);
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

                        History(db, claim.LeadId, run, now, dead ? "DeadLettered" : "Failed", null, error);
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

        History(db, lead.Id, run, now, created ? "Created" : "Updated", LeadMapper.Describe(before, claim.Fields!), null);
    }

    private static void History(LeadSyncDbContext db, Guid leadId, SyncRunContext run, DateTimeOffset now, string outcome, string? changes, ZohoRecordError? error) =>
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

    private async Task RefreshPendingCountAsync()
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            status.SetPendingCount(await db.Set<OutboxEntry>().CountAsync(e => !e.DeadLettered, CancellationToken.None));
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            LogDrainFailed(ex);
        }
    }

    public void Dispose() => coalesce.Dispose();

    private static string? Truncate(string? value) => value is { Length: > 2000 } ? value[..2000] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a push batch set-based failed; applying it record by record instead")]
    private partial void LogSetBasedApplyFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox drain failed")]
    private partial void LogDrainFailed(Exception exception);

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
