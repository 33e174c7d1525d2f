using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
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
    TimeProvider clock,
    Fields.IMappedFields? mappedFields = null,
    Fields.FieldMetadataRefreshTrigger? refreshTrigger = null)
{
    /// <summary>Applies one page of Zoho records (and the watermark) in one save, retrying when a lead changed meanwhile.</summary>
    public async Task ApplyAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        await using var prepared = await PrepareAsync(run, records, cancellationToken);
        await CommitAsync(prepared, watermark, cancellationToken);
    }

    /// <summary>
    /// Reads the page's leads and merges the records into them, without the SQLite write gate: the CPU part of a page
    /// (lookups, three-way merges, history text) runs beside another page's write. Nothing is saved yet.
    /// </summary>
    internal async Task<PreparedPullPage> PrepareAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, CancellationToken cancellationToken)
    {
        using var span = Diagnostics.SyncTelemetry.StartDatabaseBatch("merge pulled page", records.Count);
        var extras = await ExtraFieldSet.LoadAsync(mappedFields, cancellationToken);
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            return new PreparedPullPage(await MergeAsync(db, run, records, extras, cancellationToken), records, extras);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Saves a prepared page (and the watermark, and what <paramref name="alsoSave"/> adds: a bulk read's progress) under
    /// the write gate. A lead changed since the page read it (the concurrency token), or created by another pull meanwhile
    /// (a unique index), makes the page read and merge again, this time under the gate.
    /// </summary>
    internal async Task CommitAsync(
        PreparedPullPage prepared, DateTimeOffset? watermark, CancellationToken cancellationToken, Action<LeadSyncDbContext>? alsoSave = null)
    {
        using var span = Diagnostics.SyncTelemetry.StartDatabaseBatch("apply pulled page", prepared.Records.Count);
        for (var attempt = 1; ; attempt++)
        {
            using var turn = await writeGate.EnterAsync(prepared.Page.Db, cancellationToken);
            if (attempt > 1)
            {
                prepared.Replace(await MergeAgainAsync(prepared, cancellationToken));
            }

            var page = prepared.Page;
            if (watermark is not null)
            {
                await PullWatermarks.AdvanceAsync(page.Db, SyncWatermark.Leads, watermark.Value, page.Now, cancellationToken);
            }

            alsoSave?.Invoke(page.Db);

            try
            {
                await page.Db.SaveOnceAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < 20 && (ex is DbUpdateConcurrencyException || UniqueViolation.Is(ex)))
            {
                // Changed meanwhile, or created meanwhile by another pull (a webhook's beside a scheduled one; found by the
                // model-checked test, seed dttvigHxxVC5): merged again, it finds that lead.
                continue;
            }

            Saved(page);
            return;
        }
    }

    /// <summary>The page read and merged again in a fresh unit of work (a lead changed since it was read).</summary>
    private async Task<PullPage> MergeAgainAsync(PreparedPullPage prepared, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            return await MergeAsync(db, prepared.Page.Run, prepared.Records, prepared.Extras, cancellationToken);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the page's lookups into <paramref name="db"/> and merges every record (tracked, not saved).</summary>
    private async Task<PullPage> MergeAsync(LeadSyncDbContext db, SyncRunContext run, IReadOnlyList<ZohoLead> records, ExtraFieldSet extras, CancellationToken cancellationToken)
    {
        var page = await PullPage.LoadAsync(db, run, records, options.CurrentValue.ConflictPolicy, clock.GetUtcNow(), cancellationToken);
        page.Extras = extras;
        if (extras.Pulled.Count > 0)
        {
            await page.ReadFieldErrorsAsync(cancellationToken);
        }

        foreach (var record in records)
        {
            ApplyRecord(page, record);
        }

        return page;
    }

    /// <summary>After the save: the run's counts, the console's events, a push for merged values, a metadata refresh.</summary>
    private void Saved(PullPage page)
    {
        page.Tally.AddTo(page.Run);
        Publish(page.Tally.Changed, page.Run.RunId);
        if (page.Tally.NeedsPush)
        {
            pushScheduler.SchedulePush();
        }

        if (page.UnfitSeen)
        {
            refreshTrigger?.Request(); // Zoho probably changed the field: the mapping page should flag it now
        }
    }

    private static void ApplyRecord(PullPage page, ZohoLead record)
    {
        var unfit = page.Unfit;
        unfit.Clear();
        var fields = LeadMapper.ToFields(record, page.Extras, page.Extras.Pulled.Count > 0 ? unfit : null);
        if (RefusedAsInvalid(page, record, fields))
        {
            return;
        }

        record = ExtraFieldSet.WithoutUnfit(record, unfit); // Zoho's side of a misfit is the agreed value: it changes nothing

        var (lead, handled) = Match(page, record, fields);
        if (handled)
        {
            return;
        }

        if (lead is null)
        {
            lead = LeadSyncTransitions.NewFromZoho(record.Id!, record.ModifiedTime, fields, page.Now);
            page.Db.Leads.Add(lead);
            page.Remember(lead, previousEmail: null);
            page.Tally.Created++;
            page.Tally.Changed.Add((lead.Id, lead.SyncState));
            page.History(lead.Id, LeadHistoryOutcome.Created, LeadMapper.Describe(null, fields));
            PullFieldErrors.Apply(page, lead, record, unfit);
            return;
        }

        page.Entries.TryGetValue(lead.Id, out var entry);
        var previousEmail = lead.EmailNormalized;
        PullMerge.Merge(page, lead, record, fields, entry);
        page.Remember(lead, previousEmail);
        PullFieldErrors.Apply(page, lead, record, unfit);
    }

    /// <summary>A version that breaks a field rule is refused (and shown on its linked lead); true when it was.</summary>
    private static bool RefusedAsInvalid(PullPage page, ZohoLead record, LeadFields fields)
    {
        var failures = LeadValidator.Validate(fields);
        if (failures.Count == 0)
        {
            return false;
        }

        var first = failures[0];
        var message = string.Join(" ", failures.Select(f => f.Message));
        page.ByZohoId.TryGetValue(record.Id!, out var linked);
        Refuse(page, record, linked, new SyncError($"INVALID_{first.Rule.ToUpperInvariant()}", first.Field, message),
            $"{first.Field} breaks the {first.Rule} rule: {message}");
        return true;
    }

    /// <summary>
    /// The lead a record belongs to: by Zoho id, else by email (never a duplicate). <c>Handled</c> when the record was
    /// refused or must wait (the lead's own first push links it); a null lead otherwise means a new lead.
    /// </summary>
    private static (Lead? Lead, bool Handled) Match(PullPage page, ZohoLead record, LeadFields fields)
    {
        var id = record.Id!;
        var email = Lead.NormalizeEmail(fields.Email);
        page.ByZohoId.TryGetValue(id, out var lead);
        if (lead is null && page.ByEmail.TryGetValue(email, out var sameEmail))
        {
            if (sameEmail.ZohoId is not null && !string.Equals(sameEmail.ZohoId, id, StringComparison.Ordinal))
            {
                var message = $"Email {fields.Email} already belongs to a lead linked to Zoho record {sameEmail.ZohoId}; Zoho holds two leads with this email.";
                Refuse(page, record, null, new SyncError("DUPLICATE_EMAIL", "Email", message), message);
                return (null, true);
            }

            if (sameEmail.ZohoId is null && page.Entries.TryGetValue(sameEmail.Id, out var firstPush) && firstPush.Operation == OutboxOperation.Upsert)
            {
                // The lead's first push is queued or in flight: that upsert by email links it (and may be what made
                // this very record, its answer not yet applied or lost). Linking here would merge without agreed
                // values and count every field edited since as a conflict.
                page.Tally.Unchanged++;
                return (null, true);
            }

            lead = sameEmail; // Link by email: never a duplicate.
        }

        if (lead is not null && !string.Equals(lead.EmailNormalized, email, StringComparison.Ordinal)
            && page.ByEmail.TryGetValue(email, out var holder) && holder.Id != lead.Id)
        {
            var message = $"Zoho changed this lead's email to {fields.Email}, which another lead here already uses.";
            Refuse(page, record, lead, new SyncError("DUPLICATE_EMAIL", "Email", message), message);
            return (null, true);
        }

        if (lead is null && (page.AttemptedCreateEmails.Contains(email) || page.PendingDeletes.Contains(id)))
        {
            // A create of ours may have made it: its retry links it, or its delete removes it (OutboxEntry.CreateEmail).
            // Or the lead was deleted here and that delete waits to go: it removes the record.
            page.Tally.Unchanged++;
            return (null, true);
        }

        return (lead, false);
    }

    /// <summary>
    /// A Zoho record the pull cannot apply: one pull error per record version (Zoho id and Modified_Time; the overlap
    /// and webhooks re-read it), and the lead linked to it, if any, shows the error until a valid version arrives.
    /// </summary>
    private static void Refuse(PullPage page, ZohoLead record, Lead? linked, SyncError error, string leadMessage)
    {
        if (linked is not null && RefusedZohoCopy.Show(linked, error.Code, error.Field, leadMessage))
        {
            page.History(linked.Id, LeadHistoryOutcome.Failed, error: linked.LastError);
            page.Tally.Changed.Add((linked.Id, linked.SyncState));
        }

        if (!page.KnownErrors.Add((record.Id!, record.ModifiedTime)))
        {
            page.Tally.Unchanged++; // Already recorded for this version.
            return;
        }

        page.Db.Add(new PullError
        {
            RunId = page.Run.RunId, ZohoId = record.Id!, ZohoModifiedTime = record.ModifiedTime, At = page.Now, Code = error.Code,
            Field = error.Field, Message = SyncError.Clip(error.Message)!,
        });
        page.Tally.Failed++;
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
