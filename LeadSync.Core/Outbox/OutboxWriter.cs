using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// Adds or coalesces a lead's outbox entry inside the caller's unit of work, so the change and its push commit
/// together or not at all.
/// </summary>
public static class OutboxWriter
{
    public static async Task EnqueueAsync(
        LeadSyncDbContext db, Lead lead, OutboxOperation operation, DateTimeOffset now, string trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        var entry = db.ChangeTracker.Entries<OutboxEntry>().Select(e => e.Entity).FirstOrDefault(e => e.LeadId == lead.Id)
            ?? await db.Set<OutboxEntry>().FirstOrDefaultAsync(e => e.LeadId == lead.Id, cancellationToken);

        if (operation == OutboxOperation.Delete && lead.ZohoId is null)
        {
            // Never reached Zoho: nothing to delete there, and nothing left to push.
            if (entry is not null)
            {
                db.Remove(entry);
            }

            return;
        }

        if (entry is null)
        {
            entry = new OutboxEntry { LeadId = lead.Id, CreatedAt = now };
            db.Add(entry);
        }

        entry.Operation = operation;
        entry.ZohoId = lead.ZohoId;
        entry.Revision++;
        entry.Attempts = 0;
        entry.DeadLettered = false;
        entry.LastErrorCode = null;
        entry.LastErrorMessage = null;
        entry.NextAttemptAt = now;
        entry.UpdatedAt = now;
        entry.Trigger = trigger;
    }
}
