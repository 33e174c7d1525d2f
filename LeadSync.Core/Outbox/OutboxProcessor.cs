using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
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
    PushBatchSender sender,
    PushResultApplier applier,
    SyncRunRecorder runs,
    SyncEngineStatus status,
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
    /// (or given by the caller). Returns the run, or null when nothing was due.
    /// </summary>
    public async Task<Guid?> DrainAsync(SyncTrigger trigger, SyncRunContext? run, CancellationToken cancellationToken)
    {
        if (status.IsUnauthorized)
        {
            if (run is not null)
            {
                await runs.FinishAsync(run, "Zoho refuses LeadSync's credentials; changes stay queued until they work again.");
            }

            return run?.RunId;
        }

        var workers = options.CurrentValue.MaxParallelBatches ?? 20;
        var gate = new Lock();
        string? error = null;
        var stop = false;

        // The run is created by the first worker that claims something, once: the others await the same task.
        var given = run;
        var created = new Lazy<Task<SyncRunContext>>(async () =>
        {
            run = given ?? await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
            return run;
        });

        Task<SyncRunContext> RunAsync() => created.Value;

        // Claims are taken several batches at a time and handed out one batch per worker: one claim statement (and one
        // read of the values) per ten batches instead of per batch. Whatever is still held when the drain ends is given
        // back below.
        var claimed = new Queue<IReadOnlyList<ClaimedEntry>>();
        using var refill = new SemaphoreSlim(1, 1);
        var claimSize = Math.Clamp(workers / 2, 1, 10) * SyncOptions.BatchSize;

        async Task<IReadOnlyList<ClaimedEntry>> NextBatchAsync()
        {
            await refill.WaitAsync(cancellationToken);
            try
            {
                if (claimed.Count == 0)
                {
                    foreach (var chunk in (await claimer.ClaimAsync(claimSize, cancellationToken)).Chunk(SyncOptions.BatchSize))
                    {
                        claimed.Enqueue(chunk);
                    }
                }

                return claimed.TryDequeue(out var batch) ? batch : [];
            }
            finally
            {
                refill.Release();
            }
        }

        async Task WorkAsync()
        {
            while (!Volatile.Read(ref stop) && !cancellationToken.IsCancellationRequested && !status.IsUnauthorized)
            {
                var batch = await NextBatchAsync();
                if (batch.Count == 0)
                {
                    return;
                }

                var current = await RunAsync();
                SyncRunContext.Current = current;
                status.PushStarted(batch.Count);
                try
                {
                    var outcome = await PushBatchAsync(batch, current, cancellationToken);
                    if (outcome is not null)
                    {
                        lock (gate)
                        {
                            error = outcome;
                        }

                        Volatile.Write(ref stop, true);
                    }
                }
                finally
                {
                    status.PushFinished(batch.Count);
                }

                current.AddProcessed(batch.Count);
                runs.Progress(current);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDrainFailed(ex);
            error ??= ex.Message;
        }
        finally
        {
            if (claimed.Count > 0)
            {
                await claimer.ReleaseAsync(claimed.SelectMany(b => b).Select(c => c.EntryId).ToList(), CancellationToken.None);
            }

            await RefreshPendingCountAsync();
            if (run is not null)
            {
                await runs.FinishAsync(run, error);
            }
        }

        return run?.RunId;
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

    private async Task RefreshPendingCountAsync()
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            status.SetPendingCount(await db.Set<OutboxEntry>().CountAsync(e => !e.DeadLettered, CancellationToken.None));
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
