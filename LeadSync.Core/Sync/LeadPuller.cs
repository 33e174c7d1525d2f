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

namespace LeadSync.Core.Sync;

/// <summary>
/// Zoho → LeadSync. Reads leads modified since the watermark minus an overlap (sorted by Modified_Time, every page,
/// de-duplicated by id and Modified_Time), applies each page in one save together with the watermark, then the
/// deleted-records list under its own watermark. Values applied here never queue a push, except where a local
/// change wins the three-way merge. A full resync re-reads everything and repairs drift.
/// </summary>
public sealed partial class LeadPuller(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoClient zoho,
    PullLock pullLock,
    SyncRunRecorder runs,
    SyncEngineStatus status,
    ISyncEventSink events,
    IPushScheduler pushScheduler,
    SyncInstance instance,
    SqliteWriteGate writeGate,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<LeadPuller> logger)
{
    private const int MaxChainRestarts = 10_000;

    /// <summary>A scheduled pull: skipped (null) when another pull runs anywhere or Zoho refuses our credentials.</summary>
    public async Task<Guid?> PullIfIdleAsync(CancellationToken cancellationToken)
    {
        if (status.IsUnauthorized)
        {
            return null;
        }

        var held = await pullLock.AcquireAsync(wait: false, cancellationToken);
        if (held is null)
        {
            return null;
        }

        await using (held)
        {
            var run = await runs.StartAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, cancellationToken);
            await ExecuteAsync(run, full: false, cancellationToken);
            return run.RunId;
        }
    }

    /// <summary>Runs a pull or full resync under <paramref name="run"/>, waiting for any pull in progress first.</summary>
    public async Task RunAsync(SyncRunContext run, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        IAsyncDisposable? held;
        try
        {
            held = await pullLock.AcquireAsync(wait: true, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogPullInterrupted(run.RunId, null);
            await runs.InterruptedAsync(run);
            throw;
        }

        await using (held)
        {
            await ExecuteAsync(run, full, cancellationToken);
        }
    }

    /// <summary>
    /// Merges Zoho versions already read by someone else (the push found them changed since the agreed values) exactly as
    /// a pull of those records would: per field, by the conflict policy, recording conflicts and re-queuing what still
    /// has to go to Zoho. Counted in <paramref name="run"/>; no watermark moves.
    /// </summary>
    public Task MergeCurrentAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, CancellationToken cancellationToken) =>
        ApplyPageAsync(run, records, null, cancellationToken);

    /// <summary>Applies the current Zoho values of these records (webhook notifications); no watermark moves.</summary>
    public async Task RunForIdsAsync(SyncRunContext run, IReadOnlyCollection<string> zohoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(zohoIds);
        SyncRunContext.Current = run;
        string? error = null;
        var interrupted = false;
        status.PullStarted();
        try
        {
            foreach (var chunk in zohoIds.Where(LeadValidator.IsValidZohoId).Distinct(StringComparer.Ordinal).Chunk(SyncOptions.BatchSize))
            {
                var records = await zoho.GetLeadsAsync(chunk, cancellationToken);
                await ApplyPageAsync(run, records, null, cancellationToken);
                run.AddProcessed(records.Count);
                runs.Progress(run);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            throw Stopped(run, ex, cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            error = Unauthorized(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPullFailed(ex);
            error = ex.Message;
        }
        finally
        {
            status.PullFinished(null, error);
            await FinishAsync(run, error, interrupted);
        }
    }

    /// <summary>
    /// Applies Zoho's deleted-records list since its watermark (a delete notification): deletes or unlinks the local
    /// leads as <c>Sync:PropagateDeletes:FromZoho</c> says. Waits for any pull in progress first.
    /// </summary>
    public async Task RunDeletedAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        IAsyncDisposable? held;
        try
        {
            held = await pullLock.AcquireAsync(wait: true, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogPullInterrupted(run.RunId, null);
            await runs.InterruptedAsync(run);
            throw;
        }

        await using (held)
        {
            SyncRunContext.Current = run;
            string? error = null;
            var interrupted = false;
            status.PullStarted();
            try
            {
                await PullDeletedAsync(run, cancellationToken);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                throw Stopped(run, ex, cancellationToken);
            }
            catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
            {
                error = Unauthorized(ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPullFailed(ex);
                error = ex.Message;
            }
            finally
            {
                status.PullFinished(null, error);
                await FinishAsync(run, error, interrupted);
            }
        }
    }

    private async Task ExecuteAsync(SyncRunContext run, bool full, CancellationToken cancellationToken)
    {
        SyncRunContext.Current = run;
        string? error = null;
        var interrupted = false;
        status.PullStarted();
        try
        {
            await PullChangedAsync(run, full, cancellationToken);
            await PullDeletedAsync(run, cancellationToken);
            if (full)
            {
                await QueueNeverLinkedAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            throw Stopped(run, ex, cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            error = Unauthorized(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPullFailed(ex);
            error = ex.Message;
        }
        finally
        {
            status.PullFinished(error is null && !interrupted ? clock.GetUtcNow() : null, error);
            await FinishAsync(run, error, interrupted);
        }
    }

    /// <summary>
    /// The application is stopping: whatever ended the pull then (the cancellation, or a call the shutdown broke), the
    /// run was interrupted, not failed. Applied pages stay, with their watermark.
    /// </summary>
    private OperationCanceledException Stopped(SyncRunContext run, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException cancelled)
        {
            LogPullInterrupted(run.RunId, null);
            return cancelled;
        }

        LogPullInterrupted(run.RunId, exception);
        return new OperationCanceledException("The pull stopped: the application is stopping.", exception, cancellationToken);
    }

    private Task FinishAsync(SyncRunContext run, string? error, bool interrupted) =>
        interrupted ? runs.InterruptedAsync(run) : runs.FinishAsync(run, error);

    private string Unauthorized(ZohoApiException ex)
    {
        var message = $"Zoho refused LeadSync's credentials ({ex.Code}). Changes keep queuing; sync resumes when a valid token is configured.";
        status.Unauthorized(message);
        return message;
    }

    private async Task PullChangedAsync(SyncRunContext run, bool full, CancellationToken cancellationToken)
    {
        var watermark = await ReadWatermarkAsync(SyncWatermark.Leads, cancellationToken);
        DateTimeOffset? since = full || watermark is null ? null : watermark.Value - options.CurrentValue.PullOverlap;
        var seen = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        DateTimeOffset? lastApplied = null;
        for (var restarts = 0; ; restarts++)
        {
            try
            {
                // The next page is requested while this one is applied; the watermark still moves only over applied pages.
                await foreach (var page in zoho.ListLeadsAsync(new ZohoListRequest { ModifiedSince = since }, cancellationToken).PrefetchAsync(cancellationToken: cancellationToken))
                {
                    var fresh = new List<ZohoLead>(page.Records.Count);
                    foreach (var record in page.Records)
                    {
                        if (record.Id is null || (seen.TryGetValue(record.Id, out var time) && time == record.ModifiedTime))
                        {
                            continue; // Already applied in this run (overlap or a restarted chain).
                        }

                        seen[record.Id] = record.ModifiedTime;
                        fresh.Add(record);
                    }

                    var pageMax = page.Records.Max(r => r.ModifiedTime);
                    await ApplyPageAsync(run, fresh, pageMax, cancellationToken);
                    if (pageMax is not null && (lastApplied is null || pageMax > lastApplied))
                    {
                        lastApplied = pageMax;
                    }

                    run.AddProcessed(page.Records.Count);
                    runs.Progress(run);
                }

                return;
            }
            catch (ZohoApiException ex) when (ex.Kind == ZohoFailureKind.PaginationLimit && restarts < MaxChainRestarts)
            {
                // A page-token chain ends at 100,000 records (§2.2): start a new chain from the last applied second.
                // One second earlier because the header may be exclusive and that second may hold unread records.
                var next = lastApplied - TimeSpan.FromSeconds(1);
                if (next is null || (since is not null && next <= since))
                {
                    throw new InvalidOperationException(
                        "Zoho's page-token limit was reached without progress: more records share one Modified_Time second than one chain can read.", ex);
                }

                LogChainRestarted(next.Value);
                since = next;
            }
        }
    }

    private async Task PullDeletedAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        var watermark = await ReadWatermarkAsync(SyncWatermark.DeletedLeads, cancellationToken);
        DateTimeOffset? since = watermark is null ? null : watermark.Value - options.CurrentValue.PullOverlap;
        var fromZoho = options.CurrentValue.PropagateDeletes.FromZoho;
        await foreach (var page in zoho.ListDeletedLeadsAsync(since, cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var now = clock.GetUtcNow();
            var ids = page.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
            var leads = await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).ToListAsync(cancellationToken);
            var leadIds = leads.Select(l => l.Id).ToList();
            var entries = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
            var changed = new List<(Guid Id, SyncState? State)>();
            foreach (var lead in leads)
            {
                entries.TryGetValue(lead.Id, out var entry);
                if (fromZoho)
                {
                    if (entry is not null)
                    {
                        db.Remove(entry);
                    }

                    db.Remove(lead);
                    run.AddDeleted();
                    AddHistory(db, lead.Id, run, now, "Deleted", $"Deleted in Zoho: {lead.Email}", null, null);
                    changed.Add((lead.Id, null));
                }
                else
                {
                    LeadSyncTransitions.Unlink(db, lead, entry, new SyncError("ZOHO_DELETED", null,
                        "Deleted in Zoho; kept here because Sync:PropagateDeletes:FromZoho is off. Push it to create it in Zoho again."), now);
                    run.AddUpdated();
                    AddHistory(db, lead.Id, run, now, "Unlinked", null, "ZOHO_DELETED", lead.LastError!.Message);
                    changed.Add((lead.Id, lead.SyncState));
                }
            }

            var max = page.Max(d => d.DeletedTime);
            if (max is not null)
            {
                await AdvanceWatermarkAsync(db, SyncWatermark.DeletedLeads, max.Value, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            Publish(changed, run.RunId);
        }
    }

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
                await LeadSyncTransitions.QueueAsync(db, lead, OutboxOperation.Upsert, QueueReason.Resync, "Resync", now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            queued += leads.Count;
        }

        if (queued > 0)
        {
            pushScheduler.SchedulePush();
        }
    }

    /// <summary>Applies one page of Zoho records (and the watermark) in one save, retrying when a lead changed meanwhile.</summary>
    private async Task ApplyPageAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, DateTimeOffset? watermark, CancellationToken cancellationToken)
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
                await AdvanceWatermarkAsync(db, SyncWatermark.Leads, watermark.Value, now, cancellationToken);
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
        var pending = await db.Set<SyncConflict>().Where(c => leadIds.Contains(c.LeadId) && c.Resolution == ConflictResolver.Pending)
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
                AddHistory(db, lead.Id, run, now, "Created", LeadMapper.Describe(null, fields), null, null);
                continue;
            }

            entries.TryGetValue(lead.Id, out var entry);
            var previousEmail = lead.EmailNormalized;
            Merge(db, run, lead, record, fields, entry, pending, policy, now, tally);
            byZohoId[id] = lead;
            if (!string.Equals(previousEmail, lead.EmailNormalized, StringComparison.Ordinal))
            {
                byEmail.Remove(previousEmail);
                byEmail[lead.EmailNormalized] = lead;
            }
        }
    }

    private static void Merge(
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
                AddHistory(db, lead.Id, run, now, "Recovered", null, null, null);
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
            LeadSyncTransitions.Queue(db, lead, entry, OutboxOperation.Upsert, QueueReason.Merge, "Merge", now);
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
            AddHistory(db, lead.Id, run, now, result.Held || newConflicts > 0 ? "Conflict" : linked ? "Linked" : "Updated", changes, null, null);
        }
        else
        {
            tally.Unchanged++;
            if (newConflicts > 0)
            {
                AddHistory(db, lead.Id, run, now, "Conflict", null, null, null);
            }
            else if (recovered)
            {
                AddHistory(db, lead.Id, run, now, "Recovered", null, null, null);
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
            var existing = conflict.Resolution == ConflictResolver.Pending ? open.FirstOrDefault(c => c.Field == conflict.Field) : null;
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
                ResolvedAt = conflict.Resolution == ConflictResolver.Pending ? null : now, ZohoModifiedTime = modified,
            });
            added++;
        }

        // Open conflicts for fields that no longer conflict were settled by a later change on one side.
        foreach (var stale in open.Where(o => result.Conflicts.All(c => c.Field != o.Field || c.Resolution != ConflictResolver.Pending)))
        {
            stale.Resolution = "Superseded";
            stale.ResolvedAt = now;
        }

        return added;
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
            AddHistory(db, linked.Id, run, now, "Failed", null, linked.LastError!.Code, linked.LastError.Message);
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

    private static void AddHistory(LeadSyncDbContext db, Guid leadId, SyncRunContext run, DateTimeOffset now, string outcome, string? changes, string? code, string? message) =>
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Pull, Outcome = outcome, Changes = changes,
            ErrorCode = code, ErrorMessage = message,
        });

    private async Task<DateTimeOffset?> ReadWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SyncWatermark>().AsNoTracking().Where(w => w.Name == name).Select(w => w.Value).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Moves a watermark forward (never back) inside the caller's save.</summary>
    private static async Task AdvanceWatermarkAsync(LeadSyncDbContext db, string name, DateTimeOffset value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Set<SyncWatermark>().FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (row is null)
        {
            db.Add(new SyncWatermark { Name = name, Value = value, UpdatedAt = now });
        }
        else if (row.Value is null || value > row.Value)
        {
            row.Value = value;
            row.UpdatedAt = now;
        }
    }

    private void Publish(List<(Guid Id, SyncState? State)> changed, Guid runId)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Pull from Zoho failed")]
    private partial void LogPullFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull {RunId} stopped: the application is stopping")]
    private partial void LogPullInterrupted(Guid runId, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho page-token chain ended at its limit; restarting from {Since}")]
    private partial void LogChainRestarted(DateTimeOffset since);

    private sealed class PullTally
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Conflicts { get; set; }

        public int Failed { get; set; }

        public bool NeedsPush { get; set; }

        public List<(Guid Id, SyncState? State)> Changed { get; } = [];

        public void AddTo(SyncRunContext run)
        {
            run.AddCreated(Created);
            run.AddUpdated(Updated);
            run.AddUnchanged(Unchanged);
            run.AddConflicts(Conflicts);
            run.AddFailed(Failed);
        }
    }
}
