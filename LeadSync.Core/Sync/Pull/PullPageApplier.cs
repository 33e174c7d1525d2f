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
/// Applies a page of Zoho records in one save (with the watermark it covers, when given), retrying when a lead changed
/// meanwhile: each record is matched by Zoho id, then by email, checked against the field rules (refused versions
/// become pull errors, once per version, and show on the linked lead), created here or merged (<see cref="PullMerge"/>).
/// </summary>
public sealed class PullPageApplier(
    IDbContextFactory<LeadSyncDbContext> contexts,
    ISyncEventSink events,
    IPushScheduler pushScheduler,
    SyncInstance instance,
    SqliteWriteGate writeGate,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>Applies one page of Zoho records (and the watermark) in one save, retrying when a lead changed meanwhile.</summary>
    public async Task ApplyAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var tally = new PullTally();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var now = clock.GetUtcNow();
            await ApplyRecordsAsync(db, run, records, now, tally, cancellationToken);
            if (watermark is not null)
            {
                await PullWatermarks.AdvanceAsync(db, SyncWatermark.Leads, watermark.Value, now, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 20)
            {
                continue;
            }

            tally.AddTo(run);
            Publish(tally.Changed, run.RunId);
            if (tally.NeedsPush)
            {
                pushScheduler.SchedulePush();
            }

            return;
        }
    }

    private async Task ApplyRecordsAsync(
        LeadSyncDbContext db, SyncRunContext run, IReadOnlyList<ZohoLead> records, DateTimeOffset now, PullTally tally, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var ids = records.Select(r => r.Id!).Distinct(StringComparer.Ordinal).ToList();
        var emails = records.Select(r => Lead.NormalizeEmail(r.Email)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        // Two indexed lookups (an OR of both would scan the table on SQLite).
        var found = await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).ToListAsync(cancellationToken);
        var foundIds = found.Select(l => l.Id).ToList();
        found.AddRange(await db.Leads.Where(l => emails.Contains(l.EmailNormalized) && !foundIds.Contains(l.Id)).ToListAsync(cancellationToken));
        var byZohoId = found.Where(l => l.ZohoId is not null).ToDictionary(l => l.ZohoId!, StringComparer.Ordinal);
        var byEmail = found.ToDictionary(l => l.EmailNormalized, StringComparer.Ordinal);
        var leadIds = found.Select(l => l.Id).ToList();
        var entries = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
        // Emails under which a first push was attempted (a lost answer may have made exactly these records): the push links them.
        var attempted = (await db.Set<OutboxEntry>().AsNoTracking()
                .Where(e => e.CreateEmail != null && emails.Contains(e.CreateEmail) && db.Leads.Any(l => l.Id == e.LeadId && l.ZohoId == null))
                .Select(e => e.CreateEmail!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var pending = await db.Set<SyncConflict>().Where(c => leadIds.Contains(c.LeadId) && c.Resolution == ConflictResolution.Pending)
            .ToListAsync(cancellationToken);
        var policy = options.CurrentValue.ConflictPolicy;
        var known = (await db.Set<PullError>().AsNoTracking().Where(e => ids.Contains(e.ZohoId))
                .Select(e => new { e.ZohoId, e.ZohoModifiedTime }).ToListAsync(cancellationToken))
            .Select(e => (e.ZohoId, e.ZohoModifiedTime)).ToHashSet();

        foreach (var record in records)
        {
            var id = record.Id!;
            var fields = LeadMapper.ToFields(record);
            var failures = LeadValidator.Validate(fields);
            if (failures.Count > 0)
            {
                var first = failures[0];
                var code = $"INVALID_{first.Rule.ToUpperInvariant()}";
                var message = string.Join(" ", failures.Select(f => f.Message));
                byZohoId.TryGetValue(id, out var linked);
                Refuse(db, run, record, linked, known, now, code, first.Field, message,
                    $"{first.Field} breaks the {first.Rule} rule: {message}", tally);
                continue;
            }

            var email = Lead.NormalizeEmail(fields.Email);
            byZohoId.TryGetValue(id, out var lead);
            if (lead is null && byEmail.TryGetValue(email, out var sameEmail))
            {
                if (sameEmail.ZohoId is not null && !string.Equals(sameEmail.ZohoId, id, StringComparison.Ordinal))
                {
                    var message = $"Email {fields.Email} already belongs to a lead linked to Zoho record {sameEmail.ZohoId}; Zoho holds two leads with this email.";
                    Refuse(db, run, record, null, known, now, "DUPLICATE_EMAIL", "Email", message, message, tally);
                    continue;
                }

                if (sameEmail.ZohoId is null && entries.TryGetValue(sameEmail.Id, out var firstPush) && firstPush.Operation == OutboxOperation.Upsert)
                {
                    // The lead's first push is queued or in flight: that upsert by email links it (and may be what made
                    // this very record, its answer not yet applied or lost). Linking here would merge without agreed
                    // values and count every field edited since as a conflict.
                    tally.Unchanged++;
                    continue;
                }

                lead = sameEmail; // Link by email: never a duplicate.
            }

            if (lead is not null && !string.Equals(lead.EmailNormalized, email, StringComparison.Ordinal)
                && byEmail.TryGetValue(email, out var holder) && holder.Id != lead.Id)
            {
                var message = $"Zoho changed this lead's email to {fields.Email}, which another lead here already uses.";
                Refuse(db, run, record, lead, known, now, "DUPLICATE_EMAIL", "Email", message, message, tally);
                continue;
            }

            if (lead is null && attempted.Contains(email))
            {
                tally.Unchanged++; // a create of ours may have made it: its retry links it (OutboxEntry.CreateEmail)
                continue;
            }

            if (lead is null)
            {
                lead = LeadSyncTransitions.NewFromZoho(id, record.ModifiedTime, fields, now);
                db.Leads.Add(lead);
                byZohoId[id] = lead;
                byEmail[email] = lead;
                tally.Created++;
                tally.Changed.Add((lead.Id, lead.SyncState));
                PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Created, LeadMapper.Describe(null, fields), null, null);
                continue;
            }

            entries.TryGetValue(lead.Id, out var entry);
            var previousEmail = lead.EmailNormalized;
            PullMerge.Merge(db, run, lead, record, fields, entry, pending, policy, now, tally);
            byZohoId[id] = lead;
            if (!string.Equals(previousEmail, lead.EmailNormalized, StringComparison.Ordinal))
            {
                byEmail.Remove(previousEmail);
                byEmail[lead.EmailNormalized] = lead;
            }
        }
    }

    /// <summary>
    /// A Zoho record the pull cannot apply: one pull error per record version (Zoho id and Modified_Time; the overlap
    /// and webhooks re-read it), and the lead linked to it, if any, shows the error until a valid version arrives.
    /// </summary>
    private static void Refuse(
        LeadSyncDbContext db, SyncRunContext run, ZohoLead record, Lead? linked, HashSet<(string, DateTimeOffset?)> known, DateTimeOffset now,
        string code, string? field, string message, string leadMessage, PullTally tally)
    {
        if (linked is not null && RefusedZohoCopy.Show(linked, code, field, leadMessage))
        {
            PullHistory.Add(db, linked.Id, run, now, LeadHistoryOutcome.Failed, null, linked.LastError!.Code, linked.LastError.Message);
            tally.Changed.Add((linked.Id, linked.SyncState));
        }

        if (!known.Add((record.Id!, record.ModifiedTime)))
        {
            tally.Unchanged++; // Already recorded for this version.
            return;
        }

        RecordError(db, run, record, now, code, field, message);
        tally.Failed++;
    }

    private static void RecordError(LeadSyncDbContext db, SyncRunContext run, ZohoLead record, DateTimeOffset now, string code, string? field, string message)
    {
        db.Add(new PullError
        {
            RunId = run.RunId, ZohoId = record.Id!, ZohoModifiedTime = record.ModifiedTime, At = now, Code = code, Field = field,
            Message = message.Length > 2000 ? message[..2000] : message,
        });
    }

    public void Publish(List<(Guid Id, SyncState? State)> changed, Guid runId)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (changed.Count > 20)
        {
            events.Publish(new LeadsChanged(now, instance.Id, changed.Count, runId));
            return;
        }

        foreach (var (id, state) in changed)
        {
            events.Publish(new LeadStateChanged(now, instance.Id, id, state, null));
        }
    }
}
