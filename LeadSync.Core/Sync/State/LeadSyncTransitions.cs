using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// The one owner of a lead's sync state and of its outbox entry (the queued push). Every change of either — queued,
/// synced, refused, held in conflict, released, unlinked, dead-lettered, retried — is one named method here, used by the
/// console, the API, the push, the pull and the bulk actions alike. The partial files group them: this one (new, queued,
/// synced, held, released), <c>.Failures.cs</c> (refused, retried, given back), <c>.ZohoRecord.cs</c> (the Zoho record gone,
/// found or refused as a copy) and <c>.Bulk.cs</c> (the set-based fast paths). Rules that exist once: a lead held in <see cref="SyncState.Conflict"/> stays held
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
    /// A delete of a lead never linked to Zoho has nothing to do there and its entry goes — unless a create of it was
    /// attempted (<see cref="OutboxEntry.CreateAttemptedAt"/>): that create may have made a record whose answer was lost
    /// or is still on its way, so the entry stays as a delete of a lost create, and the drain finds that record by the
    /// attempt's email and deletes it (otherwise the next pull would bring the deleted lead back). The reset rule, in one place: a
    /// person's change, a retry or a resync starts the attempts afresh (new values deserve new attempts) and the lead is
    /// <see cref="SyncState.Pending"/> unless held; the engine's re-queue after a merge keeps the attempts and a refusal
    /// the lead shows (the refusal may still stand for the values being sent).
    /// </summary>
    public static async Task<OutboxEntry?> QueueAsync(LeadSyncDbContext db, Lead lead, QueuedChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        var entry = db.ChangeTracker.Entries<OutboxEntry>().Select(e => e.Entity).FirstOrDefault(e => e.LeadId == lead.Id)
            ?? await db.Set<OutboxEntry>().FirstOrDefaultAsync(e => e.LeadId == lead.Id, cancellationToken);
        return Queue(db, lead, entry, change, now);
    }

    /// <summary><see cref="QueueAsync"/> with the lead's entry (or none) already at hand.</summary>
    public static OutboxEntry? Queue(LeadSyncDbContext db, Lead lead, OutboxEntry? entry, QueuedChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (change.Operation == OutboxOperation.Delete && lead.ZohoId is null && entry?.CreateAttemptedAt is null)
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

        if (entry.Revision == 0 || change.Reason != QueueReason.Merge)
        {
            entry.Trigger = change.Source; // a merge re-queues what someone's change caused: it keeps that cause
        }

        entry.Operation = change.Operation;
        entry.ZohoId = lead.ZohoId;
        entry.Revision++;
        entry.NextAttemptAt = now;
        entry.UpdatedAt = now;
        if (change.Reason == QueueReason.Merge)
        {
            if (lead.SyncState is not (SyncState.Conflict or SyncState.Error or SyncState.DeadLetter))
            {
                lead.SyncState = SyncState.Pending;
            }

            return entry;
        }

        StartAfresh(lead, entry, change);
        return entry;
    }

    /// <summary>New values deserve new attempts: the entry's attempts and last error reset, the lead is Pending unless held.</summary>
    private static void StartAfresh(Lead lead, OutboxEntry entry, QueuedChange change)
    {
        entry.Attempts = 0;
        entry.DeadLettered = false;
        entry.LastErrorCode = null;
        entry.LastErrorMessage = null;
        if (change.Operation == OutboxOperation.Upsert && !IsHeld(lead))
        {
            lead.SyncState = SyncState.Pending;
            if (change.Reason == QueueReason.Resync)
            {
                lead.LastError = null;
            }
        }
    }

    /// <summary>
    /// Both sides agree on <paramref name="agreed"/> for the lead's Zoho record (a push Zoho accepted, or a merge): the
    /// lead is linked to <paramref name="zohoId"/> (when given) and remembers the agreed values to merge against next.
    /// </summary>
    public static void Agreed(Lead lead, string? zohoId, DateTimeOffset? modified, LeadFields agreed)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.ZohoId = zohoId ?? lead.ZohoId;
        ZohoVersionSeen(lead, modified);
        lead.AgreedSnapshot = agreed;
    }

    /// <summary>A version of the lead's Zoho record was seen: its Modified_Time only ever moves forward.</summary>
    public static void ZohoVersionSeen(Lead lead, DateTimeOffset? modified)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (modified is not null && (lead.ZohoModifiedTime is null || modified > lead.ZohoModifiedTime))
        {
            lead.ZohoModifiedTime = modified;
        }
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
            await QueueAsync(db, lead, QueuedChange.Edit(ChangeSource.Conflict), now, cancellationToken);
            return;
        }

        var entry = await db.Set<OutboxEntry>().FirstOrDefaultAsync(e => e.LeadId == lead.Id, cancellationToken);
        Synced(db, lead, entry, entryAsClaimed: true, now);
    }

    private static string? Truncate(string? value) => SyncError.Clip(value);
}
