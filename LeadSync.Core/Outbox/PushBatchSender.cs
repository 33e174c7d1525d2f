using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Sends a claimed batch to Zoho as at most one call per kind — one delete call, one upsert call for new leads (by
/// Email, so a retry never duplicates), one read and one conditional update for linked leads — and turns every answer
/// into a <see cref="PushOutcome"/>. It writes nothing itself except through the pull's merge (records Zoho changed)
/// and <see cref="LostCreateRecovery"/>; <see cref="PushResultApplier"/> stores the outcomes.
/// </summary>
public sealed class PushBatchSender(
    IZohoClient zoho,
    LeadPuller puller,
    LostCreateRecovery lostCreates,
    DeleteGuard deleteGuard,
    EngineStateTracker engine,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    Fields.IMappedFields? mappedFields = null)
{
    private static readonly string[] DuplicateCheckFields = ["Email"];

    /// <summary>
    /// How long after a record's last Zoho Modified_Time (whole seconds) an update's condition is safe to rely on: the
    /// rest of that second, plus a second for the difference between Zoho's clock and ours.
    /// </summary>
    private static readonly TimeSpan FreshRecordMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends one claimed batch: deletes, creates (upsert by email; lost creates recovered first) and updates (over what
    /// Zoho holds now). When Zoho refuses LeadSync's credentials midway, the outcomes met so far come back with the
    /// reason, and the engine shows Unauthorized.
    /// </summary>
    public async Task<PushBatchResult> SendAsync(IReadOnlyList<ClaimedEntry> batch, SyncRunContext run, CancellationToken cancellationToken)
    {
        var outcomes = new List<PushOutcome>(batch.Count);
        var upserts = batch.Where(c => c.Operation == OutboxOperation.Upsert).ToList();
        var creates = upserts.Where(c => c.Fields is not null && c.LeadZohoId is null).ToList();
        var linked = upserts.Where(c => c.Fields is not null && c.LeadZohoId is not null).ToList();
        outcomes.AddRange(upserts.Where(c => c.Fields is null).Select(c => Outcome(c, PushOutcomeKind.Skipped))); // the lead is gone
        outcomes.AddRange(linked.Where(UpdatePlan.NothingToSend).Select(c => Outcome(c, PushOutcomeKind.Unchanged)));
        var extras = await ExtraFieldSet.LoadAsync(mappedFields, cancellationToken);
        try
        {
            outcomes.AddRange(await SendDeletesAsync(batch.Where(c => c.Operation == OutboxOperation.Delete).ToList(), cancellationToken));
            await SendCreatesAsync(creates, run, outcomes, extras, cancellationToken);
            var updates = linked.Where(c => !UpdatePlan.NothingToSend(c)).ToList();
            if (updates.Count > 0)
            {
                outcomes.AddRange(await SendUpdatesAsync(updates, run, extras, cancellationToken));
            }
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            // Nothing is counted against the entries: the connection needs a person, not the records.
            return new PushBatchResult(outcomes, engine.CredentialsRefused(ex.Code));
        }

        return new PushBatchResult(outcomes, null);
    }

    private static PushOutcome Outcome(ClaimedEntry claim, PushOutcomeKind kind) => new(claim, kind, null, null);

    /// <summary>
    /// Deletes in one call (when deletes propagate to Zoho): of linked leads, and of leads deleted before a create's lost
    /// answer linked them, whose record is looked up first (<see cref="LostCreateRecovery.FindMadeAsync"/>). A record a
    /// lead here owns by now is left alone (<see cref="DeleteGuard"/>); the others have nothing to delete there.
    /// </summary>
    private async Task<List<PushOutcome>> SendDeletesAsync(List<ClaimedEntry> deletes, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.PropagateDeletes.ToZoho)
        {
            return deletes.Select(c => Outcome(c, PushOutcomeKind.Skipped)).ToList();
        }

        var targets = deletes.Where(c => c.ZohoId is not null).ToList();
        var unlinked = deletes.Where(c => c.ZohoId is null && c.CreateAttemptedAt is not null).ToList();
        var outcomes = deletes.Where(c => c.ZohoId is null && c.CreateAttemptedAt is null).Select(c => Outcome(c, PushOutcomeKind.Skipped)).ToList();
        try
        {
            var made = await lostCreates.FindMadeAsync(unlinked, cancellationToken);
            var found = made.Select(m => m.Claim.EntryId).ToHashSet();
            outcomes.AddRange(unlinked.Where(c => !found.Contains(c.EntryId)).Select(c => Outcome(c, PushOutcomeKind.Skipped)));
            targets.AddRange(made.Select(m => m.Claim with { ZohoId = m.Record.Id }));
            var owned = await deleteGuard.OwnedAsync(targets, cancellationToken);
            outcomes.AddRange(targets.Where(c => owned.Contains(c.EntryId)).Select(c => Outcome(c, PushOutcomeKind.Skipped)));
            targets.RemoveAll(c => owned.Contains(c.EntryId));
        }
        catch (Exception ex) when (PushOutcomes.Failure(ex, cancellationToken) is { } failure)
        {
            return outcomes.Concat(unlinked.Concat(targets).DistinctBy(c => c.EntryId).Select(c => new PushOutcome(c, failure.Kind, null, failure.Error))).ToList();
        }

        if (targets.Count > 0)
        {
            outcomes.AddRange(await CallAsync(targets, () => zoho.DeleteLeadsAsync(targets.Select(c => c.ZohoId!).ToList(), cancellationToken), isDelete: true, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>
    /// Creates by upsert on email in one call, after linking those a lost answer may already have made. Outcomes are
    /// added to <paramref name="outcomes"/> as they are met, so a refusal of the credentials midway keeps them.
    /// </summary>
    private async Task SendCreatesAsync(List<ClaimedEntry> creates, SyncRunContext run, List<PushOutcome> outcomes, ExtraFieldSet extras, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return;
        }

        var handled = await RecoverLostCreatesAsync(creates, run, outcomes, cancellationToken);
        var toSend = creates.Where(c => !handled.Contains(c.EntryId)).Select(FirstAttemptEmail).ToList();
        if (toSend.Count > 0)
        {
            var records = toSend.Select(c => LeadMapper.ToZoho(c.Sent!, null, extras)).ToList();
            outcomes.AddRange(await CallAsync(toSend, () => zoho.UpsertLeadsAsync(records, DuplicateCheckFields, cancellationToken), isDelete: false, cancellationToken));
        }
    }

    /// <summary>
    /// Creates whose earlier answer was lost and whose record turns out to exist are linked to it and merged like a pull
    /// (<see cref="LostCreateRecovery"/>); of the others, those whose record a Zoho user most likely deleted meanwhile are
    /// held for a person (<see cref="LostCreateRecovery.FindDeletedAsync"/>). Their outcomes are added to
    /// <paramref name="outcomes"/> as they are met (a refusal of the credentials in the second step keeps the first's);
    /// a passing failure to look is a failure of the creates not yet settled, tried again later. Returns the entries settled here.
    /// </summary>
    private async Task<HashSet<long>> RecoverLostCreatesAsync(List<ClaimedEntry> creates, SyncRunContext run, List<PushOutcome> outcomes, CancellationToken cancellationToken)
    {
        var lost = creates.Where(c => c.CreateSnapshot is not null).ToList();
        var handled = new HashSet<long>();
        try
        {
            var linked = await lostCreates.LinkAsync(lost, cancellationToken);
            if (linked.Count > 0)
            {
                await puller.MergeCurrentAsync(run, linked.Select(l => l.Record).ToList(), cancellationToken);
            }

            Settle(linked.Select(l => new PushOutcome(l.Claim, PushOutcomeKind.Merged, null, null)));
            var deleted = await lostCreates.FindDeletedAsync(lost.Where(c => !handled.Contains(c.EntryId)).ToList(), cancellationToken);
            Settle(deleted.Select(d => new PushOutcome(d.Claim, PushOutcomeKind.DeletedAfterLostCreate, null, LostCreateRecovery.DeletedError(d.Record))));
        }
        catch (Exception ex) when (PushOutcomes.Failure(ex, cancellationToken) is { } failure)
        {
            Settle(lost.Where(c => !handled.Contains(c.EntryId)).Select(c => new PushOutcome(c, failure.Kind, null, failure.Error)));
        }

        return handled;

        void Settle(IEnumerable<PushOutcome> settled)
        {
            foreach (var outcome in settled)
            {
                outcomes.Add(outcome);
                handled.Add(outcome.Claim.EntryId);
            }
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
    private async Task<IEnumerable<PushOutcome>> SendUpdatesAsync(List<ClaimedEntry> updates, SyncRunContext run, ExtraFieldSet extras, CancellationToken cancellationToken)
    {
        UpdatePlan plan;
        var ids = updates.Select(c => c.LeadZohoId!).ToList();
        try
        {
            plan = UpdatePlan.Make(updates, await zoho.GetLeadsAsync(ids, cancellationToken), extras);
            if (plan.UnmodifiedSince is { } since && clock.GetUtcNow() < since + FreshRecordMargin)
            {
                // Zoho's times have whole seconds: an edit landing after our read but within the second of a record read
                // would pass the condition. Read again once that second is over.
                await Task.Delay(since + FreshRecordMargin - clock.GetUtcNow(), clock, cancellationToken);
                plan = UpdatePlan.Make(updates, await zoho.GetLeadsAsync(ids, cancellationToken), extras);
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
            outcomes.AddRange(await CallAsync(claims, () => zoho.UpdateLeadsAsync(records, plan.UnmodifiedSince, cancellationToken), isDelete: false, cancellationToken));
        }

        return outcomes;
    }

    private static async Task<IEnumerable<PushOutcome>> CallAsync(
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
}
