using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho.Bulk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// A bulk push: when more first pushes are due than <c>Sync:BulkWriteThreshold</c> (or an admin starts an initial
/// export), they are reserved for one push run at once — so no drain sends them through the record API meanwhile — and
/// sent as Bulk Write jobs of up to 25,000 rows (docs/zoho §6.2), a few in flight at a time. Updates of linked leads
/// always keep the record path (it reads and merges Zoho's edits before it writes; a bulk upsert cannot).
/// One bulk push per instance at a time.
/// </summary>
public sealed partial class BulkPush(
    OutboxClaimer claimer,
    BulkWriteStore store,
    BulkWriteRunner runner,
    SyncRunRecorder runs,
    SyncBackgroundRunner background,
    EngineStateTracker engine,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<BulkPush> logger)
{
    /// <summary>How long the reservation of the entries not yet in a job lasts; renewed on a timer (<see cref="ReservationKeeper"/>).</summary>
    public static readonly TimeSpan ReservationLease = TimeSpan.FromMinutes(10);

    private int running;

    /// <summary>True while this instance runs a bulk push.</summary>
    public bool IsRunning => Volatile.Read(ref running) == 1;

    /// <summary>
    /// Starts a bulk push when more first pushes are due than the threshold (or always, with <paramref name="force"/>): the
    /// due entries are reserved before this returns. Returns the push run, or null when none started.
    /// </summary>
    public async Task<Guid?> StartIfDueAsync(SyncTrigger trigger, bool force, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            return null;
        }

        try
        {
            var threshold = options.CurrentValue.BulkWriteThreshold;
            var over = await claimer.MoreDueCreatesThanAsync(threshold, cancellationToken);
            LogDueCreates(over, threshold);
            if (!force && !over)
            {
                Volatile.Write(ref running, 0);
                return null;
            }

            var run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
            LogReserved(run.RunId, await claimer.ReserveDueCreatesAsync(run.RunId, clock.GetUtcNow() + ReservationLease, cancellationToken));
            background.Run(token => RunAsync(run, token));
            return run.RunId;
        }
        catch
        {
            Volatile.Write(ref running, 0);
            throw;
        }
    }

    /// <summary>
    /// Looks at a drain's claim: when its first pushes and those still due exceed the threshold (and no bulk push runs
    /// here), they are given back and reserved for a new bulk push; the rest is returned for the record path. Checked
    /// after the claim, so first pushes queued while a drain runs are never sent one call per 100 by mistake.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEntry>> DivertAsync(IReadOnlyList<ClaimedEntry> claims, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var creates = claims.Where(IsPlainCreate).ToList();
        var threshold = options.CurrentValue.BulkWriteThreshold;
        if (creates.Count == 0 || IsRunning
            || !await claimer.MoreDueCreatesThanAsync(threshold - creates.Count, cancellationToken))
        {
            return claims;
        }

        // Given back, they are due again: the bulk push reserves them (unless another instance's took them meanwhile).
        await claimer.ReleaseAsync([.. creates.Select(c => c.EntryId)], CancellationToken.None);
        await StartIfDueAsync(trigger, force: false, cancellationToken);
        return claims.Except(creates).ToList();
    }

    /// <summary>
    /// An initial export: <paramref name="queue"/> queues the leads for the new run (reserved for it), then every due
    /// first push goes as Bulk Write jobs whatever their number. Throws when this instance already runs a bulk push.
    /// </summary>
    public async Task<Guid> StartExportAsync(Func<OutboxReservation, Task> queue, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            throw new InvalidOperationException("A bulk push is already running; the initial export can start when it has finished.");
        }

        SyncRunContext? run = null;
        try
        {
            run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
            await queue(new OutboxReservation(run.RunId, clock.GetUtcNow() + ReservationLease));
            await claimer.ReserveDueCreatesAsync(run.RunId, clock.GetUtcNow() + ReservationLease, cancellationToken);
        }
        catch (Exception ex)
        {
            if (run is not null)
            {
                await runs.FinishAsync(run, SyncError.Clip(ex.Message));
            }

            Volatile.Write(ref running, 0);
            throw;
        }

        background.Run(token => RunAsync(run, token));
        return run.RunId;
    }

    private async Task RunAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        var tally = new BulkPushTally(run, runs);
        string? error = null;
        try
        {
            await SendReservedAsync(tally, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = SyncError.Clip(ex.Message);
        }
        finally
        {
            await claimer.EndReservationAsync(run.RunId);
            if (cancellationToken.IsCancellationRequested)
            {
                await runs.InterruptedAsync(run);
            }
            else
            {
                await runs.FinishAsync(run, error);
            }

            Volatile.Write(ref running, 0);
        }
    }

    /// <summary>Takes the reserved entries a file at a time, each file a job, at most <c>Sync:BulkWriteParallelJobs</c> in flight.</summary>
    private async Task SendReservedAsync(BulkPushTally tally, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.CurrentValue.BulkWriteParallelJobs);
        using var renewals = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeper = ReservationKeeper.KeepAsync(claimer, tally.Run.RunId, clock, renewals.Token);
        var jobs = new List<Task>();
        try
        {
            await SendJobsAsync(tally, slots, jobs, cancellationToken);
        }
        finally
        {
            try
            {
                await Task.WhenAll(jobs); // even when taking the next file failed: no job outlives its push
            }
            finally
            {
                await renewals.CancelAsync();
                await keeper;
            }
        }
    }

    /// <summary>Starts a job per file of reserved entries as slots free up, until none is left.</summary>
    private async Task SendJobsAsync(BulkPushTally tally, SemaphoreSlim slots, List<Task> jobs, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await slots.WaitAsync(cancellationToken);
            var job = await NextJobAsync(tally.Run.RunId, cancellationToken);
            if (job is null)
            {
                slots.Release();
                break;
            }

            tally.JobAdded(job);
            engine.PushStarted(job.Rows); // the app bar shows the engine pushing while the job is in flight
            jobs.Add(Task.Run(async () =>
            {
                try
                {
                    await runner.RunAsync(job, tally, cancellationToken);
                }
                finally
                {
                    engine.PushFinished(job.Rows);
                    slots.Release();
                }
            }, CancellationToken.None)); // always run: a stop lets the stored job go (the runner's finally) and balances the counts
        }
    }

    /// <summary>
    /// The next file's worth of reserved entries as a stored job, or null when none is left. Entries that are no longer
    /// plain first pushes (linked meanwhile, or a create whose earlier answer was lost) go back to the record path.
    /// </summary>
    private async Task<BulkWriteJob?> NextJobAsync(Guid runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var claims = await claimer.ClaimReservedAsync(runId, ZohoBulkFile.MaxRows, cancellationToken);
            if (claims.Count == 0)
            {
                return null;
            }

            var plain = claims.Where(IsPlainCreate).ToList();
            await claimer.ReleaseAsync([.. claims.Where(c => !IsPlainCreate(c)).Select(c => c.EntryId)], CancellationToken.None);
            LogTaken(runId, claims.Count, plain.Count);
            if (plain.Count > 0)
            {
                return await store.CreateAsync(runId, plain, cancellationToken);
            }
        }
    }

    private static bool IsPlainCreate(ClaimedEntry claim) =>
        claim.Operation == OutboxOperation.Upsert && claim.Fields is not null && claim.LeadZohoId is null && claim.CreateSnapshot is null
        && claim.LeadVersion is not null
        && (claim.CreateEmail is null || string.Equals(claim.CreateEmail, Lead.NormalizeEmail(claim.Fields.Email), StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bulk push check: more first pushes due than the threshold ({Threshold}): {Over}")]
    private partial void LogDueCreates(bool over, int threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk push {RunId}: {Count} first pushes reserved")]
    private partial void LogReserved(Guid runId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk push {RunId}: {Claimed} reserved entries taken, {Plain} of them into a job")]
    private partial void LogTaken(Guid runId, int claimed, int plain);
}
