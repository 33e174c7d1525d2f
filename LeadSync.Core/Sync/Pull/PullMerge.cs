using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// A linked (or linked-by-email) lead meets Zoho's version of its record: the three-way merge against the agreed values
/// (<see cref="ConflictResolver"/>), its conflicts recorded, its state changed through <see cref="LeadSyncTransitions"/>
/// (held, re-queued, or settled), and its history.
/// </summary>
internal static class PullMerge
{
    /// <summary>Merges <paramref name="record"/> (its values already read as <paramref name="zohoFields"/>) into <paramref name="lead"/>.</summary>
    public static void Merge(PullPage page, Lead lead, ZohoLead record, LeadFields zohoFields, OutboxEntry? entry)
    {
        zohoFields = page.Extras.ZohoSide(zohoFields, record, lead.AgreedSnapshot, lead.Fields);
        var linked = !string.Equals(lead.ZohoId, record.Id, StringComparison.Ordinal);
        var recovered = RefusedZohoCopy.Clear(lead, queued: entry is not null, page.Now);
        if (!linked && lead.AgreedSnapshot is { } agreed && zohoFields.SameValuesAs(agreed))
        {
            // Zoho holds what we agreed on: our own write coming back (or a change to fields we do not sync).
            LeadSyncTransitions.ZohoVersionSeen(lead, record.ModifiedTime);
            page.Tally.Unchanged++;
            if (recovered)
            {
                page.History(lead.Id, LeadHistoryOutcome.Recovered);
                page.Tally.Changed.Add((lead.Id, lead.SyncState));
            }

            return;
        }

        var before = lead.Fields;
        var modified = record.ModifiedTime;
        var result = ConflictResolver.Merge(before, lead.AgreedSnapshot, zohoFields, page.Policy, localIsNewer: modified is not null && lead.UpdatedAt > modified);
        LeadSyncTransitions.Agreed(lead, record.Id!, modified, result.Agreed);
        if (!before.SameValuesAs(result.Merged) || !string.Equals(before.Email, result.Merged.Email, StringComparison.Ordinal))
        {
            lead.Apply(result.Merged);
        }

        var newConflicts = RecordConflicts(page, lead, result, modified);
        page.Tally.Conflicts += newConflicts;
        Settle(page, lead, entry, result, needsPush: !result.Merged.SameValuesAs(zohoFields));
        var facts = new MergeFacts(linked, result.Held, newConflicts > 0, recovered);
        RecordHistory(page, lead, LeadMapper.Describe(before, lead.Fields), facts.Conflict ? LeadMapper.DescribeMerge(before, lead.Fields, result.Conflicts, page.Policy) : null, facts);
        page.Tally.Changed.Add((lead.Id, lead.SyncState));
    }

    /// <summary>The lead's state after the merge: held in conflict, re-queued with the merged values, or settled.</summary>
    private static void Settle(PullPage page, Lead lead, OutboxEntry? entry, MergeResult result, bool needsPush)
    {
        if (result.Held)
        {
            LeadSyncTransitions.HoldInConflict(lead);
        }
        else if (needsPush)
        {
            // A local change won: push the merged values through the outbox. The snapshot is Zoho's values, so
            // the push's result (and its echo) settle it.
            LeadSyncTransitions.Queue(page.Db, lead, entry, QueuedChange.Merge, page.Now);
            page.Tally.NeedsPush = true;
        }
        else
        {
            LeadSyncTransitions.SettledByMerge(page.Db, lead, entry, page.Now);
        }
    }

    /// <summary>
    /// The lead's history row: Updated (or Linked) with the fields the merge changed, Conflict with each conflicting
    /// field's three values and its outcome (<paramref name="conflictChanges"/>); none when the merge changed nothing.
    /// </summary>
    private static void RecordHistory(PullPage page, Lead lead, string? changes, string? conflictChanges, MergeFacts facts)
    {
        if (changes is not null || facts.Linked)
        {
            page.Tally.Updated++;
            var outcome = facts.Conflict ? LeadHistoryOutcome.Conflict : facts.Linked ? LeadHistoryOutcome.Linked : LeadHistoryOutcome.Updated;
            page.History(lead.Id, outcome, facts.Conflict ? conflictChanges : changes);
            return;
        }

        page.Tally.Unchanged++;
        if (facts.NewConflicts)
        {
            page.History(lead.Id, LeadHistoryOutcome.Conflict, conflictChanges);
        }
        else if (facts.Recovered)
        {
            page.History(lead.Id, LeadHistoryOutcome.Recovered);
        }
    }

    private readonly record struct MergeFacts(bool Linked, bool Held, bool NewConflicts, bool Recovered)
    {
        /// <summary>The row is a Conflict: the lead is held, or the merge met a conflict a policy settled.</summary>
        public bool Conflict => Held || NewConflicts;
    }

    /// <summary>Records each conflict; a held (Pending) one updates the open row for its field instead of adding another.</summary>
    private static int RecordConflicts(PullPage page, Lead lead, MergeResult result, DateTimeOffset? modified)
    {
        var now = page.Now;
        var added = 0;
        var open = page.PendingConflicts.Where(c => c.LeadId == lead.Id).ToList();
        foreach (var conflict in result.Conflicts)
        {
            var existing = conflict.Resolution == ConflictResolution.Pending ? open.FirstOrDefault(c => c.Field == conflict.Field) : null;
            if (existing is not null)
            {
                existing.LocalValue = conflict.LocalValue;
                existing.ZohoValue = conflict.ZohoValue;
                existing.ZohoModifiedTime = modified;
                continue;
            }

            page.Db.Add(new SyncConflict
            {
                LeadId = lead.Id, RunId = page.Run.RunId, Field = conflict.Field, AgreedValue = conflict.AgreedValue, LocalValue = conflict.LocalValue,
                ZohoValue = conflict.ZohoValue, Resolution = conflict.Resolution, Policy = page.Policy, At = now,
                ResolvedAt = conflict.Resolution == ConflictResolution.Pending ? null : now, ZohoModifiedTime = modified,
            });
            added++;
        }

        // Open conflicts for fields that no longer conflict were settled by a later change on one side.
        foreach (var stale in open.Where(o => result.Conflicts.All(c => c.Field != o.Field || c.Resolution != ConflictResolution.Pending)))
        {
            stale.Resolution = ConflictResolution.Superseded;
            stale.ResolvedAt = now;
        }

        return added;
    }
}
