using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync;

/// <summary>
/// The sync engine's surface, shared by the console and the REST API. Every operation returns the id of a
/// <see cref="SyncRun"/>; long ones run in the background and report progress through the sync events.
/// </summary>
public sealed class SyncService(
    IDbContextFactory<LeadSyncDbContext> contexts,
    OutboxProcessor processor,
    Outbox.Bulk.BulkPush bulkPush,
    Selection.SelectionPush selectionPush,
    Initial.InitialExportQueuer exportQueue,
    LeadPuller puller,
    SyncRunRecorder runs,
    EngineStateTracker engine,
    SyncBackgroundRunner background,
    IZohoClient zoho,
    IPushScheduler pushScheduler,
    ISyncEventSink events,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>Pushes these leads now: their outbox entries become due (created for leads without one).</summary>
    public Task<Guid> PushAsync(IReadOnlyCollection<Guid> leadIds, SyncTrigger trigger = SyncTrigger.Manual, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        var ids = leadIds.Distinct().ToList();
        return PushAsync(db => db.Leads.Where(l => ids.Contains(l.Id)), trigger, cancellationToken);
    }

    /// <summary>
    /// Pushes every lead matching the filter ("all N matching"): the run starts at once and reads the leads a chunk at a
    /// time (<see cref="Selection.SelectionPush"/>).
    /// </summary>
    public Task<Guid> PushAsync(LeadFilter filter, SyncTrigger trigger = SyncTrigger.Bulk, CancellationToken cancellationToken = default) =>
        selectionPush.PushAsync(LeadSelection.Matching(filter, 0), trigger, cancellationToken);

    /// <summary>
    /// An initial export: every lead never linked to Zoho is queued and sent through Zoho's Bulk Write API (jobs of up to
    /// 25,000 rows, upsert by email, docs/zoho §6.2) whatever their number; leads already linked are left as they are.
    /// The leads are queued a chunk at a time (<see cref="Initial.InitialExportQueuer"/>). Returns the push run. Throws
    /// <see cref="InvalidOperationException"/> while a bulk push is running.
    /// </summary>
    public Task<Guid> StartInitialExportAsync(SyncTrigger trigger = SyncTrigger.Manual, CancellationToken cancellationToken = default) =>
        bulkPush.StartExportAsync(reservation => exportQueue.QueueAsync(reservation, cancellationToken), trigger, cancellationToken);

    /// <summary>Pulls Zoho's changes now (waits for a pull in progress, then runs).</summary>
    public Task<Guid> PullNowAsync(SyncTrigger trigger = SyncTrigger.Manual, CancellationToken cancellationToken = default) =>
        StartPullAsync(SyncRunKind.Pull, trigger, full: false, cancellationToken);

    /// <summary>Re-reads every Zoho lead (no If-Modified-Since), repairs drift both ways and queues local leads never linked.</summary>
    public Task<Guid> FullResyncAsync(SyncTrigger trigger = SyncTrigger.Manual, CancellationToken cancellationToken = default) =>
        StartPullAsync(SyncRunKind.FullResync, trigger, full: true, cancellationToken);

    /// <summary>
    /// The initial sync (Settings): a full resync whose pull reads every Zoho lead through Bulk Read jobs; local leads
    /// never linked are queued and pushed by the outbox as the run ends.
    /// </summary>
    public async Task<Guid> StartInitialSyncAsync(CancellationToken cancellationToken = default)
    {
        var run = await runs.StartAsync(SyncRunKind.FullResync, SyncTrigger.Manual, cancellationToken);
        background.Run(token => puller.RunInitialAsync(run, token));
        return run.RunId;
    }

    /// <summary>Applies the current Zoho values of these records (used by webhook notifications).</summary>
    public async Task<Guid> PullLeadsAsync(IReadOnlyCollection<string> zohoIds, SyncTrigger trigger = SyncTrigger.Webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zohoIds);
        var ids = zohoIds.ToList();
        var run = await runs.StartAsync(SyncRunKind.PullLeads, trigger, cancellationToken);
        background.Run(token => puller.RunForIdsAsync(run, ids, token));
        return run.RunId;
    }

    /// <summary>Applies Zoho's deleted-records list now (used by delete notifications); per <c>Sync:PropagateDeletes:FromZoho</c>.</summary>
    public async Task<Guid> PullDeletedAsync(SyncTrigger trigger = SyncTrigger.Webhook, CancellationToken cancellationToken = default)
    {
        var run = await runs.StartAsync(SyncRunKind.Pull, trigger, cancellationToken);
        background.Run(token => puller.RunDeletedAsync(run, token));
        return run.RunId;
    }

    /// <summary>Retries failed and dead-lettered pushes of these leads (all of them when <paramref name="leadIds"/> is null).</summary>
    public async Task<Guid> RetryFailedAsync(IReadOnlyCollection<Guid>? leadIds, CancellationToken cancellationToken = default)
    {
        var ids = leadIds?.Distinct().ToList();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await LeadSyncTransitions.RetryFailedAsync(db, ids, clock.GetUtcNow(), cancellationToken);
        }

        events.Publish(new LeadsChanged(clock.GetUtcNow(), instance.Id, ids?.Count ?? 0, null));
        return await StartDrainAsync(SyncTrigger.Manual, cancellationToken);
    }

    public async Task<SyncOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var queue = await OutboxCounts.PendingAsync(db, cancellationToken);
        var dead = await OutboxCounts.DeadLetteredAsync(db, cancellationToken);
        var conflicts = await LeadCountQueries.InStateAsync(db, SyncState.Conflict, cancellationToken);
        var errors = await LeadCountQueries.InStateAsync(db, SyncState.Error, cancellationToken);
        if (engine.LastPullAt is null)
        {
            var last = await db.Set<SyncRun>().AsNoTracking()
                .Where(r => (r.Kind == SyncRunKind.Pull || r.Kind == SyncRunKind.FullResync) && r.FinishedAt != null && r.Error == null)
                .OrderByDescending(r => r.StartedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
            engine.SetLastPullAt(last);
        }

        engine.SetPendingCount(queue);
        return new SyncOverview(engine.State, engine.Detail, engine.PushingCount, engine.LastPullAt, queue, dead, conflicts, errors, instance.Id, engine.RetryAt);
    }

    /// <summary>Checks Zoho's credentials now; when they work, leaves the Unauthorized state and drains the queue.</summary>
    public async Task<bool> ResumeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // A token check alone may answer from a cached token Zoho already refused, so make one real, cheap
            // call (1 credit, §4.2): an unknown id comes back empty when the credentials work.
            await zoho.EnsureAuthorizedAsync(cancellationToken);
            await zoho.GetLeadsAsync(["1"], cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            engine.CredentialsRefused(ex.Code);
            return false;
        }

        engine.Authorized();
        pushScheduler.SchedulePush();
        return true;
    }

    /// <summary>Waits until a run has finished (for callers that need the outcome, e.g. tests and the CLI).</summary>
    public async Task<SyncRun> WaitForRunAsync(Guid runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync(limit.Token))
            {
                var run = await db.Set<SyncRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, limit.Token);
                if (run?.FinishedAt is not null)
                {
                    return run;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
        }
    }

    private async Task<Guid> PushAsync(Func<LeadSyncDbContext, IQueryable<Lead>> select, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        // The run exists first, so the entries queued for it are kept for it: it reports every lead it was asked to push.
        var run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var reservation = new OutboxReservation(run.RunId, now + options.CurrentValue.ClaimLease * 5);
            await BulkPushSelection.RecordAsync(db, run.RunId, select, cancellationToken);
            await LeadSyncTransitions.QueueManyAsync(
                db, select, trigger == SyncTrigger.Bulk ? ChangeSource.Bulk : ChangeSource.Manual, now, cancellationToken, reservation);
        }
        catch (Exception ex)
        {
            await runs.FinishAsync(run, SyncError.Clip(ex.Message));
            throw;
        }

        background.Run(token => processor.DrainAsync(trigger, run, token, reserved: true));
        return run.RunId;
    }

    private async Task<Guid> StartDrainAsync(SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
        background.Run(token => processor.DrainAsync(trigger, run, token));
        return run.RunId;
    }

    private async Task<Guid> StartPullAsync(SyncRunKind kind, SyncTrigger trigger, bool full, CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(kind, trigger, cancellationToken);
        background.Run(token => puller.RunAsync(run, full, token));
        return run.RunId;
    }
}
