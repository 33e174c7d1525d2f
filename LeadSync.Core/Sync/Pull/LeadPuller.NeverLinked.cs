using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>The push half of a full resync: local leads never linked to Zoho are queued (through <see cref="LeadSyncTransitions"/>).</summary>
public sealed partial class LeadPuller
{
    /// <summary>Full resync: every local lead never linked to Zoho (and not already queued) gets an outbox entry.</summary>
    private async Task QueueNeverLinkedAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var leads = await db.Leads
                .Where(l => l.ZohoId == null && l.SyncState != LeadSyncTransitions.Held && !db.Set<OutboxEntry>().Any(e => e.LeadId == l.Id))
                .OrderBy(l => l.Id).Take(500).ToListAsync(cancellationToken);
            if (leads.Count == 0)
            {
                break;
            }

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
}
