using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// What a pull leaves to the push side: local leads never linked to Zoho queued (the push half of a full resync), and
/// the deletes it can no longer have read forgotten (both through <see cref="LeadSyncTransitions"/>).
/// </summary>
public sealed partial class LeadPuller
{
    /// <summary>
    /// Full resync: every local lead never linked to Zoho (not already queued, not held for a person: a Conflict, or a
    /// lost create whose record a Zoho user deleted) gets an outbox entry.
    /// </summary>
    private async Task QueueNeverLinkedAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        // Read on from the last lead seen (in key order), not from the start: each page would otherwise walk again
        // past every lead the pages before it queued — a million never-linked leads, a billion rows read.
        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var unlinked = db.Leads.Where(l => l.ZohoId == null && l.SyncState != LeadSyncTransitions.Held).Where(LeadSyncTransitions.NotHeldAfterLostCreate);
            if (after is { } last)
            {
                unlinked = unlinked.Where(l => l.Id.CompareTo(last) > 0);
            }

            var leads = await unlinked.Where(l => !db.Set<OutboxEntry>().Any(e => e.LeadId == l.Id))
                .OrderBy(l => l.Id).Take(500).ToListAsync(cancellationToken);
            if (leads.Count == 0)
            {
                break;
            }

            after = leads[^1].Id;

            foreach (var lead in leads)
            {
                await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Resync, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            queued += leads.Count;
        }

        if (queued > 0)
        {
            pushScheduler.SchedulePush();
        }
    }

    /// <summary>
    /// After a pull (or full resync, <paramref name="full"/>) that started at <paramref name="started"/>: never-linked
    /// leads queued when full, and the deletes done before it started no longer remembered.
    /// </summary>
    private async Task HandOverToPushAsync(bool full, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (full)
        {
            await QueueNeverLinkedAsync(cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LeadSyncTransitions.ForgetDeletionsAsync(db, started, clock.GetUtcNow(), cancellationToken);
    }
}
