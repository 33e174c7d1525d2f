using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// Outbox entries by whether their lead is held (<see cref="Held"/>), for the set-based statements that must skip held
/// leads or pick them out. Each entry's lead is looked up by its key — a scalar subquery of its state, not EXISTS —
/// so that no table statistics can turn the test into a walk over every held lead for each entry: with statistics
/// from before thousands of leads went into conflict, PostgreSQL planned NOT EXISTS as a nested loop over the held
/// leads' index (10,000,000 rows for one claim of a bulk push; decision 0006). A lead that is gone is not held.
/// The claims written as one SQL text carry the same test in their own words: PostgreSQL's in this scalar form
/// (<see cref="Outbox.OutboxClaimer.PostgresClaim"/>), SQLite's as NOT EXISTS, which SQLite answers by the lead's key.
/// </summary>
public static partial class LeadSyncTransitions
{
    /// <summary>The entries among <paramref name="entries"/> whose lead is held.</summary>
    internal static IQueryable<OutboxEntry> OfHeldLeads(LeadSyncDbContext db, IQueryable<OutboxEntry> entries) =>
        entries.Where(e => db.Leads.Where(l => l.Id == e.LeadId).Select(l => (SyncState?)l.SyncState).FirstOrDefault() == Held);

    /// <summary>The entries among <paramref name="entries"/> whose lead is not held (or no longer exists).</summary>
    internal static IQueryable<OutboxEntry> OfUnheldLeads(LeadSyncDbContext db, IQueryable<OutboxEntry> entries) =>
        entries.Where(e => db.Leads.Where(l => l.Id == e.LeadId).Select(l => (SyncState?)l.SyncState).FirstOrDefault() != Held);
}
