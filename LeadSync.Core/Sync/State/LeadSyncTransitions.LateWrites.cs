using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;

namespace LeadSync.Core.Sync.State;

/// <summary>A write Zoho carried out after its claim had been overtaken (see <see cref="LateWrite"/>).</summary>
public static partial class LeadSyncTransitions
{
    /// <summary>
    /// Zoho wrote <paramref name="claimed"/> values for a claim whose entry is gone: a later claim took the entry after
    /// this one's lease ran out (a drain that stalled in its calls; a Bulk Write job resumed after the hold on its rows
    /// lapsed) and settled it. Zoho may now hold these older values over the newer ones that claim sent, so when the
    /// lead's values are no longer the claimed ones they are queued again. A lead with an entry of its own (queued since)
    /// needs nothing: that entry sends its current values.
    /// </summary>
    public static void LateWrite(LeadSyncDbContext db, Lead lead, LeadFields claimed, OutboxEntry? current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(claimed);
        if (current is null && !lead.Fields.SameValuesAs(claimed))
        {
            Queue(db, lead, null, QueuedChange.Merge, now);
        }
    }
}
