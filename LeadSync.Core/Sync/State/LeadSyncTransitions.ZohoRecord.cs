using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;

namespace LeadSync.Core.Sync.State;

/// <summary>Transitions about the lead's Zoho record itself: gone (unlinked, re-created, deleted in Zoho), found after a lost create, orphaned, or refused as a copy.</summary>
public static partial class LeadSyncTransitions
{
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
    /// A create whose answer was lost most likely made a record that a Zoho user has deleted since (its name is among
    /// Zoho's deleted records, its email among none of Zoho's leads): LeadSync does not create it again, and cannot be
    /// sure enough to delete it here. The lead stays, unlinked, in Error with <paramref name="error"/>, and its entry goes
    /// — a retry creates it in Zoho again, a delete here is final, an edit here goes to Zoho as a new record. Edited here
    /// since the claim (<paramref name="asClaimed"/> false), that edit is such an edit: the entry stays, as a plain create
    /// of the lead's values (the lost attempt forgotten, so it is not held again). False when not held — that, or the
    /// lead was linked meanwhile (its entry is only given back).
    /// </summary>
    // Five arguments: the unit of work, the lead and its entry, the reason, and whether the entry is still as claimed.
    public static bool HeldAfterLostCreate(LeadSyncDbContext db, Lead lead, OutboxEntry? entry, SyncError error, bool asClaimed)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.ZohoId is not null || (entry is not null && !asClaimed))
        {
            if (lead.ZohoId is null && entry is not null)
            {
                (entry.CreateAttemptedAt, entry.CreateSnapshot, entry.CreateEmail) = (null, null, null);
            }

            GiveBack(entry);
            return false;
        }

        lead.SyncState = SyncState.Error;
        lead.LastError = error;
        if (entry is not null)
        {
            db.Remove(entry);
        }

        return true;
    }

    /// <summary>
    /// False for a lead <see cref="HeldAfterLostCreate"/> holds: it waits for a person, so a resync that queues every
    /// never-linked lead leaves it alone (it would make again the record a Zoho user deleted).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Lead, bool>> NotHeldAfterLostCreate =
        l => !(l.SyncState == SyncState.Error && l.LastError != null && l.LastError.Code == LostCreateRecovery.DeletedAfterLostCreateCode);

    /// <summary>
    /// A lead deleted here while its first push was in flight now exists in Zoho (the result named its id): its delete
    /// goes there too — through its entry, or a new one when delete propagation to Zoho is on.
    /// </summary>
    // Six arguments: the unit of work, the gone lead's id and entry, the record Zoho named, the deployment's delete rule, now.
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
}
