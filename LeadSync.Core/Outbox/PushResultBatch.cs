using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// One batch of push outcomes applied record by record in one unit of work: each outcome changes its lead and entry
/// through <see cref="LeadSyncTransitions"/> and writes the lead's history. An entry whose revision moved since the
/// claim (edited during the flight) keeps its Zoho id and agreed values from this result but stays due and the lead Pending.
/// </summary>
internal sealed class PushResultBatch
{
    private readonly LeadSyncDbContext db;
    private readonly SyncRunContext run;
    private readonly SyncOptions options;
    private readonly DateTimeOffset now;
    private Dictionary<long, OutboxEntry> entries = [];
    private Dictionary<Guid, OutboxEntry> entriesByLead = [];
    private Dictionary<Guid, Lead> leads = [];
    private ILookup<Guid, LeadFieldError> fieldErrors = Array.Empty<LeadFieldError>().ToLookup(e => e.LeadId);

    private PushResultBatch(LeadSyncDbContext db, SyncRunContext run, SyncOptions options, DateTimeOffset now)
    {
        this.db = db;
        this.run = run;
        this.options = options;
        this.now = now;
    }

    public PushTally Tally { get; } = new();

    /// <summary>The leads whose state the batch changed, for the live events.</summary>
    public List<(Guid LeadId, SyncState? State, SyncError? Error)> Changed { get; } = [];

    public static async Task<PushResultBatch> LoadAsync(LeadSyncDbContext db, SyncRunContext run, IReadOnlyList<PushOutcome> outcomes, SyncOptions options, DateTimeOffset now)
    {
        var batch = new PushResultBatch(db, run, options, now);
        var entryIds = outcomes.Select(o => o.Claim.EntryId).ToList();
        var leadIds = outcomes.Select(o => o.Claim.LeadId).Distinct().ToList();
        // The claimed entries, and the leads' current ones (an entry settled by a later claim may have a successor).
        var current = await db.Set<OutboxEntry>().Where(e => entryIds.Contains(e.Id) || leadIds.Contains(e.LeadId)).ToListAsync(CancellationToken.None);
        var claimed = entryIds.ToHashSet();
        batch.entries = current.Where(e => claimed.Contains(e.Id)).ToDictionary(e => e.Id);
        batch.entriesByLead = current.ToDictionary(e => e.LeadId);
        batch.leads = await db.Leads.Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, CancellationToken.None);
        if (outcomes.Any(o => o.Claim.HasFieldErrors || o.Kind == PushOutcomeKind.FieldRefused))
        {
            batch.fieldErrors = (await db.Set<LeadFieldError>().Where(e => leadIds.Contains(e.LeadId) && e.Direction == FieldErrorDirection.Push)
                .ToListAsync(CancellationToken.None)).ToLookup(e => e.LeadId);
        }

        return batch;
    }

    public void Apply(PushOutcome outcome)
    {
        var claim = outcome.Claim;
        entries.TryGetValue(claim.EntryId, out var entry);
        leads.TryGetValue(claim.LeadId, out var lead);
        var asClaimed = entry is not null && entry.Revision == claim.Revision;
        switch (outcome.Kind)
        {
            case PushOutcomeKind.Done when claim.Operation == OutboxOperation.Delete:
            case PushOutcomeKind.Skipped:
                Settled(outcome, entry, asClaimed);
                break;
            case PushOutcomeKind.Done:
                Written(claim, outcome.Result!, entry, lead, asClaimed);
                break;
            case PushOutcomeKind.Unchanged:
                Unchanged(claim, entry, lead, asClaimed);
                break;
            case PushOutcomeKind.FieldRefused:
                FieldRefused(claim, entry, lead, asClaimed, outcome.Error!);
                break;
            case PushOutcomeKind.Merged:
                LeadSyncTransitions.GiveBack(entry); // The merge re-queued (or settled) the lead: its entry is due again or done.
                break;
            case PushOutcomeKind.Relink:
                RecordGone(claim, entry, lead, outcome.Error);
                break;
            case PushOutcomeKind.DeletedAfterLostCreate:
                HeldAfterLostCreate(claim, entry, lead, asClaimed, outcome.Error!);
                break;
            case PushOutcomeKind.Transient:
                Tally.Failed++;
                if (entry is not null)
                {
                    LeadSyncTransitions.RetryLater(entry, claim, outcome.Error, countsAsAttempt: asClaimed, Delay, now);
                }

                break;
            case PushOutcomeKind.Rejected:
                Tally.Failed++;
                Rejected(claim, entry, lead, asClaimed, outcome.Error!);
                break;
        }
    }

    /// <summary>A delete Zoho carried out, or nothing to do (the lead is gone, or deletes do not propagate).</summary>
    private void Settled(PushOutcome outcome, OutboxEntry? entry, bool asClaimed)
    {
        LeadSyncTransitions.Synced(db, null, entry, asClaimed, now);
        if (outcome.Claim.Operation == OutboxOperation.Delete && outcome.Kind == PushOutcomeKind.Done)
        {
            LeadSyncTransitions.DeleteDone(db, outcome.Claim.ZohoId ?? outcome.Claim.LeadZohoId, now);
            Tally.Deleted++;
            History(outcome.Claim.LeadId, LeadHistoryOutcome.Deleted);
        }
    }

    /// <summary>Zoho already held the values: nothing was sent.</summary>
    private void Unchanged(ClaimedEntry claim, OutboxEntry? entry, Lead? lead, bool asClaimed)
    {
        Tally.Unchanged++;
        LeadSyncTransitions.Synced(db, lead, entry, asClaimed, now); // edited since the claim: the new values go next
        if (asClaimed && lead is not null)
        {
            LeadSyncTransitions.FieldsAccepted(db, fieldErrors[lead.Id], claim.Withheld);
            Changed.Add((lead.Id, lead.SyncState, null));
        }
    }

    /// <summary>Zoho wrote the record: the lead is linked, agrees on what was sent, and is synced unless edited since.</summary>
    private void Written(ClaimedEntry claim, ZohoWriteResult result, OutboxEntry? entry, Lead? lead, bool asClaimed)
    {
        if (lead is null)
        {
            // Deleted here while its first push was in flight: the record now exists in Zoho, so delete it there too.
            LeadSyncTransitions.QueueOrphanDelete(db, claim.LeadId, entry, result.Id, options.PropagateDeletes.ToZoho, now);
            return;
        }

        var created = PushOutcome.IsCreateOf(claim, result);
        var before = lead.AgreedSnapshot;
        var sent = claim.Sent!;
        LeadSyncTransitions.Agreed(lead, result.Id, result.ModifiedTime, sent);
        lead.LastSyncedAt = now;
        // Edited during the flight (or sent under its first attempt's email): the lead's values go next.
        var settled = asClaimed && lead.Fields.SameValuesAs(claim.Fields!);
        LeadSyncTransitions.Synced(db, lead, entry, settled, now);
        if (entry is null)
        {
            LeadSyncTransitions.LateWrite(db, lead, claim.Fields!, entriesByLead.GetValueOrDefault(lead.Id), now); // overtaken: Zoho may hold older values now
        }

        if (settled)
        {
            LeadSyncTransitions.FieldsAccepted(db, fieldErrors[lead.Id], claim.Withheld);
            Changed.Add((lead.Id, lead.SyncState, null));
        }

        if (created)
        {
            Tally.Created++;
        }
        else
        {
            Tally.Updated++;
        }

        History(lead.Id, created ? LeadHistoryOutcome.Created : LeadHistoryOutcome.Updated, LeadMapper.Describe(before, sent));
    }

    /// <summary>
    /// The lead's Zoho record is gone but the lead was edited here: a local edit after a Zoho delete re-creates it
    /// (upsert by email), so nothing typed here is lost. See docs/decisions.
    /// </summary>
    private void RecordGone(ClaimedEntry claim, OutboxEntry? entry, Lead? lead, ZohoRecordError? error)
    {
        if (lead is not null && lead.ZohoId == claim.LeadZohoId)
        {
            LeadSyncTransitions.Unlink(db, lead, null, null, now);
            History(lead.Id, LeadHistoryOutcome.Relinked, error: error);
        }

        if (entry is not null)
        {
            LeadSyncTransitions.RecreateFromLead(entry, now);
        }
    }

    /// <summary>
    /// Zoho refused one extra field's value: the lead goes again now without it (the field error says so). A field
    /// already left out, or the last attempt, makes it a refusal of the lead: leaving the field out did not help.
    /// </summary>
    private void FieldRefused(ClaimedEntry claim, OutboxEntry? entry, Lead? lead, bool asClaimed, ZohoRecordError error)
    {
        var apiName = FieldErrorCodes.ExtraField(error)!;
        if (entry is null || lead is null || !asClaimed || claim.Withheld.Contains(apiName) || entry.Attempts + 1 >= options.MaxAttempts)
        {
            Tally.Failed++;
            Rejected(claim, entry, lead, asClaimed, error);
            return;
        }

        LeadSyncTransitions.FieldRefused(db, lead, entry, apiName, error, now);
        History(lead.Id, LeadHistoryOutcome.FieldError, error: error with { Message = $"{apiName}: {error.Message}" });
        Changed.Add((lead.Id, lead.SyncState, null));
    }

    /// <summary>The record a lost create made was most likely deleted in Zoho: the lead waits for a person, not sent again.</summary>
    private void HeldAfterLostCreate(ClaimedEntry claim, OutboxEntry? entry, Lead? lead, bool asClaimed, ZohoRecordError error)
    {
        if (lead is null)
        {
            LeadSyncTransitions.GiveBack(entry); // deleted here meanwhile: its delete goes as it is
            return;
        }

        if (LeadSyncTransitions.HeldAfterLostCreate(db, lead, entry, new SyncError(error.Code, null, SyncError.Clip(error.Message)!), asClaimed))
        {
            Tally.Failed++;
            Changed.Add((lead.Id, lead.SyncState, lead.LastError));
            History(claim.LeadId, LeadHistoryOutcome.Failed, error: error);
        }
    }

    private void Rejected(ClaimedEntry claim, OutboxEntry? entry, Lead? lead, bool asClaimed, ZohoRecordError error)
    {
        if (entry is null)
        {
            return;
        }

        if (!asClaimed)
        {
            LeadSyncTransitions.GiveBack(entry); // The values Zoho refused are already replaced: try the new ones now.
            return;
        }

        var dead = LeadSyncTransitions.Refused(lead, entry, error, options.MaxAttempts, Delay, now);
        if (lead is not null)
        {
            Changed.Add((lead.Id, lead.SyncState, lead.LastError));
        }

        History(claim.LeadId, dead ? LeadHistoryOutcome.DeadLettered : LeadHistoryOutcome.Failed, error: error);
    }

    private TimeSpan Delay(int attempts) => Backoff.Delay(attempts, options.RetryBaseDelay, options.RetryMaxDelay);

    private void History(Guid leadId, LeadHistoryOutcome outcome, string? changes = null, ZohoRecordError? error = null) =>
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Push, Outcome = outcome, Changes = changes,
            ErrorCode = error?.Code, ErrorMessage = SyncError.Clip(error?.Message),
        });
}
