using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// A linked (or linked-by-email) lead meets Zoho's version of its record: the three-way merge against the agreed values
/// (<see cref="ConflictResolver"/>), its conflicts recorded, its state changed through <see cref="LeadSyncTransitions"/>
/// (held, re-queued, or settled), and its history.
/// </summary>
internal static class PullMerge
{
    public static void Merge(
        LeadSyncDbContext db,
        SyncRunContext run,
        Lead lead,
        ZohoLead record,
        LeadFields zohoFields,
        OutboxEntry? entry,
        List<SyncConflict> pending,
        ConflictPolicy policy,
        DateTimeOffset now,
        PullTally tally)
    {
        var id = record.Id!;
        var modified = record.ModifiedTime;
        var linked = !string.Equals(lead.ZohoId, id, StringComparison.Ordinal);
        var notNewer = lead.ZohoModifiedTime is null || modified is null || modified <= lead.ZohoModifiedTime;
        var recovered = RefusedZohoCopy.Clear(lead, queued: entry is not null, now);
        if (!linked && lead.AgreedSnapshot is { } agreed && zohoFields.SameValuesAs(agreed))
        {
            // Zoho holds what we agreed on: our own write coming back (or a change to fields we do not sync).
            if (!notNewer)
            {
                lead.ZohoModifiedTime = modified;
            }

            tally.Unchanged++;
            if (recovered)
            {
                PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Recovered, null, null, null);
                tally.Changed.Add((lead.Id, lead.SyncState));
            }

            return;
        }

        var before = lead.Fields;
        var result = ConflictResolver.Merge(before, lead.AgreedSnapshot, zohoFields, policy, localIsNewer: modified is not null && lead.UpdatedAt > modified);
        lead.ZohoId = id;
        if (modified is not null && (lead.ZohoModifiedTime is null || modified > lead.ZohoModifiedTime))
        {
            lead.ZohoModifiedTime = modified;
        }

        lead.AgreedSnapshot = result.Snapshot;
        if (!before.SameValuesAs(result.Merged) || !string.Equals(before.Email, result.Merged.Email, StringComparison.Ordinal))
        {
            lead.Apply(result.Merged);
        }

        var newConflicts = RecordConflicts(db, run, lead, result, pending, policy, modified, now);
        tally.Conflicts += newConflicts;

        var needsPush = !result.Merged.SameValuesAs(zohoFields);
        if (result.Held)
        {
            LeadSyncTransitions.HoldInConflict(lead);
        }
        else if (needsPush)
        {
            // A local change won: push the merged values through the outbox. The snapshot is Zoho's values, so
            // the push's result (and its echo) settle it.
            LeadSyncTransitions.Queue(db, lead, entry, OutboxOperation.Upsert, QueueReason.Merge, ChangeSource.Merge, now);
            tally.NeedsPush = true;
        }
        else
        {
            LeadSyncTransitions.SettledByMerge(db, lead, entry, now);
        }

        var changes = LeadMapper.Describe(before, lead.Fields);
        if (changes is not null || linked)
        {
            tally.Updated++;
            PullHistory.Add(db, lead.Id, run, now, result.Held || newConflicts > 0 ? LeadHistoryOutcome.Conflict : linked ? LeadHistoryOutcome.Linked : LeadHistoryOutcome.Updated, changes, null, null);
        }
        else
        {
            tally.Unchanged++;
            if (newConflicts > 0)
            {
                PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Conflict, null, null, null);
            }
            else if (recovered)
            {
                PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Recovered, null, null, null);
            }
        }

        tally.Changed.Add((lead.Id, lead.SyncState));
    }

    /// <summary>Records each conflict; a held (Pending) one updates the open row for its field instead of adding another.</summary>
    private static int RecordConflicts(
        LeadSyncDbContext db, SyncRunContext run, Lead lead, MergeResult result, List<SyncConflict> pending, ConflictPolicy policy, DateTimeOffset? modified, DateTimeOffset now)
    {
        var added = 0;
        var open = pending.Where(c => c.LeadId == lead.Id).ToList();
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

            db.Add(new SyncConflict
            {
                LeadId = lead.Id, RunId = run.RunId, Field = conflict.Field, BaseValue = conflict.BaseValue, LocalValue = conflict.LocalValue,
                ZohoValue = conflict.ZohoValue, Resolution = conflict.Resolution, Policy = policy, At = now,
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
