using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// The one owner of a lead's sync state and of its outbox entry (the queued push). Every change of either — queued,
/// synced, refused, held in conflict, released, unlinked, dead-lettered, retried — is one named method here, used by the
/// console, the API, the push, the pull and the bulk actions alike; the set-based fast paths live here too
/// (<c>LeadSyncTransitions.Bulk.cs</c>). Rules that exist once: a lead held in <see cref="SyncState.Conflict"/> stays held
/// until an admin settles it (<see cref="IsHeld"/>), and a result that comes back after the entry moved (an edit during
/// the flight) never settles the lead. Methods change tracked entities of the caller's unit of work; the caller saves.
/// </summary>
public static partial class LeadSyncTransitions
{
    /// <summary>True when the lead waits for an admin to settle a conflict: nothing is pushed or settled for it meanwhile.</summary>
    public static bool IsHeld(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.SyncState == SyncState.Conflict;
    }

    /// <summary>A lead a person creates here: pending until its first push links it.</summary>
    public static Lead NewLocal(LeadFields fields, DateTimeOffset now)
    {
        var lead = new Lead { CreatedAt = now, UpdatedAt = now, SyncState = SyncState.Pending };
        lead.Apply(fields);
        return lead;
    }

    /// <summary>A lead that came from Zoho: synced, its values agreed.</summary>
    public static Lead NewFromZoho(string zohoId, DateTimeOffset? modified, LeadFields fields, DateTimeOffset now)
    {
        var lead = new Lead
        {
            ZohoId = zohoId, ZohoModifiedTime = modified, CreatedAt = now, UpdatedAt = now,
            SyncState = SyncState.Synced, LastSyncedAt = now, AgreedSnapshot = fields,
        };
        lead.Apply(fields);
        return lead;
    }

    /// <summary>
    /// Queues the lead's values (or its delete) for Zoho inside the caller's unit of work, coalescing into its one entry.
    /// A delete of a lead never linked to Zoho has nothing to do there: its entry goes. The reset rule, in one place: a
    /// person's change, a retry or a resync starts the attempts afresh (new values deserve new attempts) and the lead is
    /// <see cref="SyncState.Pending"/> unless held; the engine's re-queue after a merge keeps the attempts and a refusal
    /// the lead shows (the refusal may still stand for the values being sent).
    /// </summary>
    public static async Task<OutboxEntry?> QueueAsync(
        LeadSyncDbContext db, Lead lead, OutboxOperation operation, QueueReason reason, ChangeSource trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        var entry = db.ChangeTracker.Entries<OutboxEntry>().Select(e => e.Entity).FirstOrDefault(e => e.LeadId == lead.Id)
            ?? await db.Set<OutboxEntry>().FirstOrDefaultAsync(e => e.LeadId == lead.Id, cancellationToken);
        return Queue(db, lead, entry, operation, reason, trigger, now);
    }

    /// <summary><see cref="QueueAsync"/> with the lead's entry (or none) already at hand.</summary>
    public static OutboxEntry? Queue(
        LeadSyncDbContext db, Lead lead, OutboxEntry? entry, OutboxOperation operation, QueueReason reason, ChangeSource trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (operation == OutboxOperation.Delete && lead.ZohoId is null)
        {
            if (entry is not null)
            {
                db.Remove(entry);
            }

            return null;
        }

        if (entry is null)
        {
            entry = new OutboxEntry { LeadId = lead.Id, CreatedAt = now };
            db.Add(entry);
        }

        if (entry.Revision == 0 || reason != QueueReason.Merge)
        {
            entry.Trigger = trigger; // a merge re-queues what someone's change caused: it keeps that cause
        }

        entry.Operation = operation;
        entry.ZohoId = lead.ZohoId;
        entry.Revision++;
        entry.NextAttemptAt = now;
        entry.UpdatedAt = now;
        if (reason == QueueReason.Merge)
        {
            if (lead.SyncState is not (SyncState.Conflict or SyncState.Error or SyncState.DeadLetter))
            {
                lead.SyncState = SyncState.Pending;
            }

            return entry;
        }

        entry.Attempts = 0;
        entry.DeadLettered = false;
        entry.LastErrorCode = null;
        entry.LastErrorMessage = null;
        if (operation == OutboxOperation.Upsert && !IsHeld(lead))
        {
            lead.SyncState = SyncState.Pending;
            if (reason == QueueReason.Resync)
            {
                lead.LastError = null;
            }
        }

        return entry;
    }

    /// <summary>
    /// Zoho holds the lead's values (a push result, or nothing to send): the entry goes when the result is for the
    /// entry as claimed (otherwise it is only given back: newer values go next), and the lead is synced unless held.
    /// </summary>
    public static void Synced(LeadSyncDbContext db, Lead? lead, OutboxEntry? entry, bool entryAsClaimed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!entryAsClaimed)
        {
            GiveBack(entry);
            if (entry is not null)
            {
                entry.CreateEmail = null; // linked now (if it was a create): from here on it is an update
            }

            return;
        }

        if (entry is not null)
        {
            db.Remove(entry);
        }

        if (lead is not null && !IsHeld(lead))
        {
            lead.SyncState = SyncState.Synced;
            lead.LastError = null;
            lead.LastSyncedAt = now;
        }
    }

    /// <summary>
    /// A merge found both sides agreeing: nothing is left to push. An entry in flight is bumped so its result (values
    /// Zoho no longer wants) cannot settle the lead; otherwise it goes.
    /// </summary>
    public static void SettledByMerge(LeadSyncDbContext db, Lead lead, OutboxEntry? entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (entry is not null)
        {
            if (entry.ClaimedUntil is { } until && until > now)
            {
                entry.Revision++;
                entry.NextAttemptAt = now;
            }
            else
            {
                db.Remove(entry);
            }
        }

        lead.SyncState = SyncState.Synced;
        lead.LastError = null;
        lead.LastSyncedAt = now;
    }

    /// <summary>Both sides changed a field and the policy leaves it to an admin: the lead is held, nothing pushed.</summary>
    public static void HoldInConflict(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.SyncState = SyncState.Conflict;
    }

    /// <summary>
    /// An admin settled the lead's conflicts: its values go to Zoho when they differ from Zoho's (queued), else it is
    /// synced and its entry goes.
    /// </summary>
    public static async Task ReleaseAsync(LeadSyncDbContext db, Lead lead, bool valuesToSend, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        lead.SyncState = SyncState.Pending; // no longer held
        if (valuesToSend)
        {
            await QueueAsync(db, lead, OutboxOperation.Upsert, QueueReason.LocalChange, ChangeSource.Conflict, now, cancellationToken);
            return;
        }

        var entry = await db.Set<OutboxEntry>().FirstOrDefaultAsync(e => e.LeadId == lead.Id, cancellationToken);
        Synced(db, lead, entry, entryAsClaimed: true, now);
    }

    /// <summary>
    /// Zoho refused the values (a rule of Zoho's): the attempt counts, with backoff; after <paramref name="maxAttempts"/>
    /// the entry is dead-lettered. The lead shows the refusal. Returns true when dead-lettered.
    /// </summary>
    public static bool Refused(Lead? lead, OutboxEntry entry, ZohoRecordError error, int maxAttempts, Func<int, TimeSpan> delay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(delay);
        entry.Attempts++;
        entry.LastErrorCode = error.Code;
        entry.LastErrorMessage = Truncate(error.Message);
        entry.DeadLettered = entry.Attempts >= maxAttempts;
        entry.NextAttemptAt = now + delay(entry.Attempts);
        GiveBack(entry);
        if (lead is not null)
        {
            lead.SyncState = entry.DeadLettered ? SyncState.DeadLetter : SyncState.Error;
            lead.LastError = new SyncError(error.Code, error.LeadField, Truncate(error.Message) ?? error.Code);
        }

        return entry.DeadLettered;
    }

    /// <summary>
    /// A passing failure (429, 5xx, timeout, lost answer): tried again after <paramref name="delay"/>. A create that may
    /// have been applied with its answer lost remembers what it sent (<see cref="OutboxEntry.CreateSnapshot"/>).
    /// </summary>
    public static void RetryLater(OutboxEntry entry, ClaimedEntry claim, ZohoRecordError? error, bool countsAsAttempt, Func<int, TimeSpan> delay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(delay);
        if (claim.LeadZohoId is null && claim.Operation == OutboxOperation.Upsert && claim.Fields is not null && error?.Code is not "TOO_MANY_REQUESTS")
        {
            entry.CreateSnapshot ??= claim.Fields;
        }

        if (countsAsAttempt)
        {
            entry.Attempts++;
            entry.NextAttemptAt = now + delay(entry.Attempts);
            entry.LastErrorCode = error?.Code;
            entry.LastErrorMessage = Truncate(error?.Message);
        }

        GiveBack(entry);
    }

    /// <summary>Gives a claimed entry back without counting anything (it is due again as it stands).</summary>
    public static void GiveBack(OutboxEntry? entry)
    {
        if (entry is not null)
        {
            entry.ClaimedBy = null;
            entry.ClaimedUntil = null;
        }
    }

    /// <summary>
    /// The lead's Zoho record is gone. Without <paramref name="reason"/> (a push met the missing record) the lead is
    /// re-created from its values by the next attempt (upsert by email). With a reason (a pulled Zoho delete while delete
    /// propagation from Zoho is off) it stays here, never synced, showing why, and its entry goes.
    /// </summary>
    public static void Unlink(LeadSyncDbContext db, Lead lead, OutboxEntry? entry, SyncError? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        lead.ZohoId = null;
        lead.ZohoModifiedTime = null;
        lead.AgreedSnapshot = null;
        if (reason is not null)
        {
            lead.SyncState = SyncState.NeverSynced;
            lead.LastError = reason;
            if (entry is not null)
            {
                db.Remove(entry);
            }

            return;
        }

        if (entry is not null)
        {
            RecreateFromLead(entry, now);
        }
    }

    /// <summary>The entry's Zoho record is gone: the next attempt re-creates it from the lead's values (upsert by email).</summary>
    public static void RecreateFromLead(OutboxEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.ZohoId = null;
        entry.CreateEmail = null; // re-created from the lead's email as it is now
        entry.NextAttemptAt = now;
        entry.Attempts++;
        GiveBack(entry);
    }

    /// <summary>The lead's Zoho record was deleted and deletes from Zoho propagate: the lead and its entry go.</summary>
    public static void DeletedInZoho(LeadSyncDbContext db, Lead lead, OutboxEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (entry is not null)
        {
            db.Remove(entry);
        }

        db.Remove(lead);
    }

    /// <summary>
    /// The record a create made, its answer lost, was found in Zoho: the lead is linked to it with the values that create
    /// sent as the agreed ones (the merge that follows sorts out what either side changed since), and its entry becomes
    /// an update of that record.
    /// </summary>
    public static void LinkFoundCreate(Lead lead, OutboxEntry? entry, string zohoId, LeadFields sent)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.ZohoId = zohoId;
        lead.AgreedSnapshot = sent;
        if (entry is not null)
        {
            entry.ZohoId = zohoId;
            entry.CreateEmail = null;
            entry.CreateSnapshot = null;
        }
    }

    /// <summary>
    /// A lead deleted here while its first push was in flight now exists in Zoho (the result named its id): its delete
    /// goes there too — through its entry, or a new one when delete propagation to Zoho is on.
    /// </summary>
    public static void QueueOrphanDelete(LeadSyncDbContext db, Guid leadId, OutboxEntry? entry, string? zohoId, bool propagate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (entry is not null)
        {
            entry.ZohoId ??= zohoId;
            GiveBack(entry);
        }
        else if (zohoId is not null && propagate)
        {
            db.Add(new OutboxEntry
            {
                LeadId = leadId, Operation = OutboxOperation.Delete, ZohoId = zohoId, Revision = 1,
                CreatedAt = now, UpdatedAt = now, NextAttemptAt = now, Trigger = ChangeSource.Orphan,
            });
        }
    }

    /// <summary>
    /// Zoho's copy of a linked lead was refused by the pull (a broken rule, an email another lead uses): the lead shows
    /// <paramref name="error"/> and keeps its values. False when it already shows it, or waits for an admin (Conflict,
    /// DeadLetter), which already say the sides differ.
    /// </summary>
    public static bool ShowRefusedZohoCopy(Lead lead, SyncError error)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.SyncState is SyncState.Conflict or SyncState.DeadLetter || (lead.SyncState == SyncState.Error && lead.LastError == error))
        {
            return false;
        }

        lead.SyncState = SyncState.Error;
        lead.LastError = error;
        return true;
    }

    /// <summary>A valid version of a refused Zoho copy arrived: the lead is pending (a change of its own queued) or synced.</summary>
    public static void ClearRefusedZohoCopy(Lead lead, bool queued, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.LastError = null;
        lead.SyncState = queued ? SyncState.Pending : SyncState.Synced;
        if (!queued)
        {
            lead.LastSyncedAt = now;
        }
    }

    private static string? Truncate(string? value) => value is { Length: > 2000 } ? value[..2000] : value;
}
