using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// The invariants at quiescence, against the reference model in <see cref="ModelLog"/>:
/// I1 both sides hold the same leads field by field (a lead held in Conflict or refused is excused, and must say why);
/// I2 no lead exists twice on either side;
/// I3 every edit reached the final value (the final value's write saw it) or lost in a recorded conflict, resolved as
///    the policy says, and no conflict let a value lose to one it had already seen;
/// I4 nothing nobody wrote: every value on either side came from a write to that lead, and a deleted lead is back only
///    when someone wrote to it after the delete (docs/decisions/0005) — or, where Zoho deleted the record a lost create
///    made, stays here held for a person (unlinked, in Error, saying why: docs/zoho §2.4).
/// </summary>
internal sealed class ModelChecker(
    ModelLog log,
    ConflictPolicy policy,
    IReadOnlyList<Lead> locals,
    IReadOnlyList<SandboxLead> zohos,
    IReadOnlyList<SyncConflict> conflicts,
    IReadOnlyList<PullError> pullErrors)
{
    private readonly List<string> violations = [];
    private readonly HashSet<string> excused = new(StringComparer.Ordinal);

    public List<string> Check()
    {
        foreach (var lead in locals)
        {
            log.Observe(ModelLog.LocalKey(lead.Id), lead.Fields, ModelLog.ZohoKey(lead.ZohoId), "at the end");
        }

        foreach (var record in zohos)
        {
            log.Observe(ModelLog.ZohoKey(record.Id), ZohoUser.FieldsOf(record), null, "at the end");
        }

        violations.AddRange(log.UnknownValues.Select(u => "I4 " + u));
        CheckUnique();
        CheckPairs();
        foreach (var identity in log.Entities.GroupBy(log.Identity, StringComparer.Ordinal))
        {
            CheckIdentity(identity.ToHashSet(StringComparer.Ordinal));
        }

        return violations;
    }

    private string L(Guid id) => log.Label(ModelLog.LocalKey(id));

    private string Z(string id) => log.Label(ModelLog.ZohoKey(id)!);

    private string Z(long id) => log.Label(ModelLog.ZohoKey(id));

    private void CheckUnique()
    {
        foreach (var twice in locals.GroupBy(l => l.Email.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            violations.Add($"I2 local leads {string.Join(", ", twice.Select(l => L(l.Id)))} share the email {twice.Key}");
        }

        foreach (var twice in zohos.Where(z => z.Email is not null).GroupBy(z => z.Email!.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            violations.Add($"I2 Zoho records {string.Join(", ", twice.Select(z => Z(z.Id)))} share the email {twice.Key}");
        }

        foreach (var twice in locals.Where(l => l.ZohoId is not null).GroupBy(l => l.ZohoId!).Where(g => g.Count() > 1))
        {
            violations.Add($"I2 local leads {string.Join(", ", twice.Select(l => L(l.Id)))} are all linked to Zoho record {Z(twice.Key)}");
        }
    }

    private void CheckPairs()
    {
        var byId = zohos.ToDictionary(z => z.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        foreach (var lead in locals)
        {
            var identity = log.Identity(ModelLog.LocalKey(lead.Id));
            switch (lead.SyncState)
            {
                case SyncState.Conflict:
                    excused.Add(identity);
                    if (policy != ConflictPolicy.Manual)
                    {
                        violations.Add($"I1 {L(lead.Id)} is held in Conflict under the {policy} policy");
                    }

                    if (!conflicts.Any(c => c.LeadId == lead.Id && c.Resolution == ConflictResolution.Pending))
                    {
                        violations.Add($"I1 {L(lead.Id)} is held in Conflict without an open conflict record");
                    }

                    continue;
                case SyncState.Error or SyncState.DeadLetter:
                    excused.Add(identity);
                    if (lead.LastError is null)
                    {
                        violations.Add($"I1 {L(lead.Id)} is in {lead.SyncState} without a reason (LastError)");
                    }

                    continue;
            }

            if (lead.ZohoId is null)
            {
                violations.Add($"I1 {L(lead.Id)} ({lead.SyncState}{(lead.LastError is { } e ? ", " + e.Code : "")}) is linked to no Zoho record at quiescence");
                continue;
            }

            if (!byId.TryGetValue(lead.ZohoId, out var record))
            {
                violations.Add($"I1 {L(lead.Id)} is linked to Zoho record {Z(lead.ZohoId)}, which does not exist");
                continue;
            }

            if (lead.SyncState != SyncState.Synced)
            {
                violations.Add($"I1 {L(lead.Id)} ends {lead.SyncState}, not Synced");
            }

            var zoho = ZohoUser.FieldsOf(record);
            foreach (var field in ModelValues.Fields)
            {
                if (!string.Equals(lead.Fields.Get(field), zoho.Get(field), StringComparison.Ordinal))
                {
                    violations.Add($"I1 {L(lead.Id)}.{field} is '{lead.Fields.Get(field)}' but its Zoho record {Z(record.Id)} holds '{zoho.Get(field)}'");
                }
            }
        }

        foreach (var record in zohos)
        {
            var id = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (locals.Any(l => l.ZohoId == id))
            {
                continue;
            }

            if (pullErrors.Any(e => e.ZohoId == id))
            {
                // Refused by the pull (validation, an email another lead holds): recorded with its reason, so excused.
                excused.Add(log.Identity(ModelLog.ZohoKey(record.Id)));
                continue;
            }

            violations.Add($"I1 Zoho record {Z(record.Id)} ({record.Email}) is linked to no local lead and no pull error explains it");
        }
    }

    private static bool HeldAfterLostCreate(Lead lead) =>
        lead is { SyncState: SyncState.Error, ZohoId: null, LastError.Code: LeadSync.Core.Outbox.LostCreateRecovery.DeletedAfterLostCreateCode };

    private void CheckIdentity(HashSet<string> entities)
    {
        var finalLocals = locals.Where(l => entities.Contains(ModelLog.LocalKey(l.Id))).ToList();
        var finalZohos = zohos.Where(z => entities.Contains(ModelLog.ZohoKey(z.Id))).ToList();
        var writes = log.Writes.Where(w => entities.Contains(w.Entity)).ToList();
        var name = string.Join("/", entities.Select(log.Label).Order(StringComparer.Ordinal));
        var deletes = log.Deletes.Where(d => entities.Contains(d.Entity)).ToList();
        if (deletes.Count > 0)
        {
            // An edit the delete did not see (made after it, or on the other side and not yet synced when it happened)
            // may be lost or may bring the lead back (0005: a local edit after a Zoho delete re-creates the record; a
            // delete pulled first wins). With no such edit the lead must be gone from both sides.
            var unseen = writes.Where(w => deletes.All(d => !log.DeleteSaw(d, w))).ToList();
            if (unseen.Count == 0 && finalZohos.Count == 0 && finalLocals.Count > 0 && finalLocals.TrueForAll(HeldAfterLostCreate))
            {
                // The record a lost create made was deleted in Zoho before the retry: Zoho's deleted list names it, not by
                // email, so LeadSync holds the lead for a person (unlinked, in Error, saying so) rather than guess. Excused.
                return;
            }

            if (unseen.Count == 0 && (finalLocals.Count > 0 || finalZohos.Count > 0))
            {
                violations.Add($"I4 lead {name} was deleted ({string.Join(", ", deletes.Select(d => $"{d.Side} deleted {log.Label(d.Entity)}"))}) after every write to it had reached the deleting side, "
                    + $"yet it exists at the end: {string.Join(", ", finalLocals.Select(l => "local " + L(l.Id)).Concat(finalZohos.Select(z => "Zoho " + Z(z.Id))))}");
            }

            return;
        }

        if (writes.Count == 0 || excused.Contains(log.Identity(entities.First())))
        {
            return;
        }

        if (finalLocals.Count != 1 || finalZohos.Count != 1)
        {
            violations.Add($"I1 lead {name} ends as {finalLocals.Count} local lead(s) and {finalZohos.Count} Zoho record(s)");
            return;
        }

        var lead = finalLocals[0];
        foreach (var field in ModelValues.Fields)
        {
            var final = log.WriteOf(field, lead.Fields.Get(field));
            if (final is null)
            {
                continue; // Reported as a value nobody wrote.
            }

            if (!entities.Contains(final.Entity))
            {
                violations.Add($"I4 {L(lead.Id)}.{field} holds '{final.Value}', which was written to another lead ({log.Label(final.Entity)})");
            }

            var recorded = conflicts.Where(c => c.LeadId == lead.Id && c.Field == field).ToList();
            foreach (var write in writes.Where(w => w.Field == field))
            {
                if (log.Saw(final, write) || recorded.Any(c => Loser(c) is { } lost && log.WriteOf(field, lost) is { } loser && log.Saw(loser, write)))
                {
                    continue;
                }

                violations.Add($"I3 {Describe(write)} was lost: {L(lead.Id)}.{field} ends '{final.Value}' ({Describe(final)}), a value written without seeing it, and no conflict was recorded for {field}");
            }

            foreach (var conflict in recorded)
            {
                CheckConflict(lead, conflict);
            }
        }
    }

    private void CheckConflict(Lead lead, SyncConflict conflict)
    {
        var where = $"conflict on {L(lead.Id)}.{conflict.Field} (local '{conflict.LocalValue}', Zoho '{conflict.ZohoValue}')";
        var expected = policy switch
        {
            ConflictPolicy.ZohoWins => [ConflictResolution.Zoho],
            ConflictPolicy.LocalWins => [ConflictResolution.Local],
            ConflictPolicy.Manual => [ConflictResolution.Pending, ConflictResolution.Superseded],
            _ => new[] { ConflictResolution.Local, ConflictResolution.Zoho },
        };
        if (!expected.Contains(conflict.Resolution))
        {
            violations.Add($"I3 {where} was resolved {conflict.Resolution} under the {policy} policy");
        }

        var (winner, loser) = conflict.Resolution switch
        {
            ConflictResolution.Zoho => (conflict.ZohoValue, conflict.LocalValue),
            ConflictResolution.Local => (conflict.LocalValue, conflict.ZohoValue),
            _ => (null, null),
        };
        if (log.WriteOf(conflict.Field, winner) is { } won && log.WriteOf(conflict.Field, loser) is { } lost && log.Saw(lost, won))
        {
            violations.Add($"I3 {where}: '{lost.Value}' was written after seeing '{won.Value}', so it is no conflict, yet it lost to it");
        }
    }

    private static string? Loser(SyncConflict conflict) => conflict.Resolution switch
    {
        ConflictResolution.Zoho => conflict.LocalValue,
        ConflictResolution.Local => conflict.ZohoValue,
        _ => null,
    };

    private string Describe(ModelWrite write) =>
        $"the {write.Side} {(write.Prev is null ? "create" : "edit")} of {log.Label(write.Entity)}.{write.Field} to '{write.Value}' (write #{write.Step})";
}
