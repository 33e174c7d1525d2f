using LeadSync.Core.Monitoring;
using LeadSync.Core.Data;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace LeadSync.Core.Outbox;

/// <summary>
/// Drains the outbox: claims due entries (up to ten batches of 100 at a time) and hands each batch to
/// <see cref="PushBatchSender"/>, then its outcomes to <see cref="PushResultApplier"/>. Up to <c>MaxParallelBatches</c>
/// batches are worked on at once; one run records the drain.
/// </summary>
public sealed partial class OutboxProcessor(
    IDbContextFactory<LeadSyncDbContext> contexts,
    OutboxClaimer claimer,
    DeploymentLocks locks,
    PushBatchSender sender,
    PushResultApplier applier,
    Bulk.BulkPush bulkPush,
    LingerNudge lingerNudge,
    SyncRunRecorder runs,
    EngineStateTracker engine,
    CreditBudget budget,
    IOptionsMonitor<SyncOptions> options,
    ILogger<OutboxProcessor> logger) : IDisposable
{
    private readonly SemaphoreSlim coalesce = new(1, 1);
    private int again;

    /// <summary>
    /// Drains everything due, coalescing: a call while a drain runs makes that drain go round once more and returns.
    /// </summary>
    public async Task DrainCoalescedAsync(SyncTrigger trigger, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref again, 1);
        if (!await coalesce.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            while (Interlocked.Exchange(ref again, 0) == 1 && !cancellationToken.IsCancellationRequested)
            {
                await DrainAsync(trigger, null, cancellationToken);
            }
        }
        finally
        {
            coalesce.Release();
        }
    }

    /// <summary>
    /// Drains everything due now. One <see cref="SyncRun"/> per drain, created when the first batch is claimed
    /// (or given by the caller). With <paramref name="reserved"/> the given run first sends the entries its bulk push
    /// reserved (<see cref="OutboxReservation"/>). Returns the run, or null when nothing was due.
    /// </summary>
    public async Task<Guid?> DrainAsync(SyncTrigger trigger, SyncRunContext? run, CancellationToken cancellationToken, bool reserved = false)
    {
        if (engine.IsUnauthorized)
        {
            if (run is not null)
            {
                if (reserved)
                {
                    await claimer.EndReservationAsync(run.RunId); // anyone's once the credentials work again, not in ten minutes
                }

                await runs.FinishAsync(run, "Zoho refuses LeadSync's credentials; changes stay queued until they work again.");
            }

            return run?.RunId;
        }

        // Many first pushes due (an import, an initial export): a claim's first pushes are diverted to Bulk Write jobs.
        using var pass = new DrainPass(claimer, locks, runs, engine, budget, PushBatchAsync, options.CurrentValue.MaxParallelBatches ?? 20, reserved ? run?.RunId : null)
        {
            AfterClaim = (claims, token) => bulkPush.DivertAsync(claims, trigger, token),
        };
        try
        {
            await pass.RunAsync(trigger, run, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDrainFailed(ex);
            pass.Failed(ex.Message);
        }
        finally
        {
            await pass.ReleaseUnsentAsync();
            if (reserved && run is not null)
            {
                await claimer.EndReservationAsync(run.RunId); // what the run could not send (held meanwhile) is anyone's again
            }

            await RefreshPendingCountAsync();
            NudgeAfterLinger();
            if (pass.Run is not null)
            {
                await runs.FinishAsync(pass.Run, pass.Error);
            }
        }

        return pass.Run?.RunId;
    }

    /// <summary>Sends one claimed batch and stores what happened. Returns why the drain must stop, if it must.</summary>
    private async Task<string?> PushBatchAsync(IReadOnlyList<ClaimedEntry> batch, SyncRunContext run, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(batch, run, cancellationToken);
        await applier.ApplyAsync(result.Outcomes, run, cancellationToken);
        if (result.StopReason is not null)
        {
            // The records not handled before the refusal are given back uncounted.
            var handled = result.Outcomes.Select(o => o.Claim.EntryId).ToHashSet();
            await claimer.ReleaseAsync(batch.Where(c => !handled.Contains(c.EntryId)).Select(c => c.EntryId).ToList(), CancellationToken.None);
        }

        return result.StopReason;
    }

    /// <summary>A partial batch left waiting for company is drained as soon as its linger ends, not at the next sweep.</summary>
    private void NudgeAfterLinger()
    {
        if (claimer.TakeLingeringUntil() is { } at)
        {
            lingerNudge.NudgeAt(at);
        }
    }

    private async Task RefreshPendingCountAsync()
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            engine.SetPendingCount(await OutboxCounts.PendingAsync(db, CancellationToken.None));
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            LogDrainFailed(ex);
        }
    }

    public void Dispose() => coalesce.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox drain failed")]
    private partial void LogDrainFailed(Exception exception);
}
