using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
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
    PullPageApplier pages,
    PullLock pullLock,
    SyncRunRecorder runs,
    SyncEngineStatus status,
    IPushScheduler pushScheduler,
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
        pages.ApplyAsync(run, records, null, cancellationToken);

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
                await pages.ApplyAsync(run, records, null, cancellationToken);
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
        var watermark = await PullWatermarks.ReadAsync(contexts, SyncWatermark.Leads, cancellationToken);
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
                    await pages.ApplyAsync(run, fresh, pageMax, cancellationToken);
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
        var watermark = await PullWatermarks.ReadAsync(contexts, SyncWatermark.DeletedLeads, cancellationToken);
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
                    PullHistory.Add(db, lead.Id, run, now, "Deleted", $"Deleted in Zoho: {lead.Email}", null, null);
                    changed.Add((lead.Id, null));
                }
                else
                {
                    LeadSyncTransitions.Unlink(db, lead, entry, new SyncError("ZOHO_DELETED", null,
                        "Deleted in Zoho; kept here because Sync:PropagateDeletes:FromZoho is off. Push it to create it in Zoho again."), now);
                    run.AddUpdated();
                    PullHistory.Add(db, lead.Id, run, now, "Unlinked", null, "ZOHO_DELETED", lead.LastError!.Message);
                    changed.Add((lead.Id, lead.SyncState));
                }
            }

            var max = page.Max(d => d.DeletedTime);
            if (max is not null)
            {
                await PullWatermarks.AdvanceAsync(db, SyncWatermark.DeletedLeads, max.Value, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            pages.Publish(changed, run.RunId);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Pull from Zoho failed")]
    private partial void LogPullFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull {RunId} stopped: the application is stopping")]
    private partial void LogPullInterrupted(Guid runId, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho page-token chain ended at its limit; restarting from {Since}")]
    private partial void LogChainRestarted(DateTimeOffset since);

}
