using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Outbox;

/// <summary>
/// One drain of the outbox: its workers, the claims they share, the run that records them and why it stopped. Claims
/// are taken several batches at a time and handed out one batch per worker — one claim statement (and one read of the
/// values) per ten batches instead of per batch; whatever is still held when the drain ends is given back. A partial
/// batch (fewer than 100 records) goes only while no other partial batch is in flight anywhere in the deployment
/// (<see cref="PostgresAdvisoryLock.PartialBatch"/>): otherwise it is given back, and the drain whose partial batch is
/// in flight takes it, with whatever arrived meanwhile, when that batch is done — so a trickle leaves in full batches
/// whatever the number of workers and instances. A push a person asked for waits for its turn instead.
/// The next claim is made ahead, while half a claim's batches are still waiting, so no worker waits on a claim while the
/// database is busy storing results; and once a claim finds fewer due entries than it asked for, the pass claims no more
/// (what becomes due later goes with the next drain, which every change nudges) instead of each worker asking in turn.
/// </summary>
internal sealed class DrainPass(
    OutboxClaimer claimer,
    DeploymentLocks locks,
    SyncRunRecorder runs,
    EngineStateTracker engine,
    CreditBudget budget,
    Func<IReadOnlyList<ClaimedEntry>, SyncRunContext, CancellationToken, Task<string?>> pushBatch,
    int workers,
    Guid? reservedFor = null) : IDisposable
{
    private readonly Queue<IReadOnlyList<ClaimedEntry>> claimed = new();
    private readonly Lock queue = new(); // guards claimed and claimAhead
    private readonly SemaphoreSlim claiming = new(1, 1); // one claim at a time
    private readonly Lock gate = new();
    private readonly int claimSize = Math.Clamp(workers / 2, 1, 10) * SyncOptions.BatchSize;
    private Lazy<Task<SyncRunContext>>? runCreation;
    private Task? claimAhead;
    private CancellationToken workCancellation;
    private bool mayLinger = true;
    private volatile bool exhausted;
    private volatile bool stop;

    /// <summary>
    /// Sees each claim of due entries (not of a run's reserved ones) and returns what this pass sends: the bulk push takes
    /// the first pushes out when many are due, to send them as Bulk Write jobs (<see cref="Bulk.BulkPush.DivertAsync"/>).
    /// </summary>
    public Func<IReadOnlyList<ClaimedEntry>, CancellationToken, Task<IReadOnlyList<ClaimedEntry>>>? AfterClaim { get; init; }

    /// <summary>The run recording this drain: the caller's, or the one the first claiming worker started (null until then).</summary>
    public SyncRunContext? Run { get; private set; }

    /// <summary>Why the drain stopped early, if it did (a refusal of the credentials, a failure).</summary>
    public string? Error { get; private set; }

    /// <summary>Runs the workers until nothing is due, the drain must stop, or it is cancelled.</summary>
    public async Task RunAsync(SyncTrigger trigger, SyncRunContext? given, CancellationToken cancellationToken)
    {
        Run = given;
        workCancellation = cancellationToken;
        mayLinger = given is null; // a run someone started (Push now) does not wait for company
        runCreation = new Lazy<Task<SyncRunContext>>(async () => Run = given ?? await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken)));
        }
        finally
        {
            // A claim made ahead lands in the queue before the drain gives back what it did not send.
            Task? ahead;
            lock (queue)
            {
                ahead = claimAhead;
            }

            if (ahead is not null)
            {
                await ahead;
            }
        }
    }

    /// <summary>Records a failure of the drain itself (the first reason wins).</summary>
    public void Failed(string message)
    {
        lock (gate)
        {
            Error ??= message;
        }
    }

    /// <summary>Gives back the claims no worker took.</summary>
    public async Task ReleaseUnsentAsync()
    {
        if (claimed.Count > 0)
        {
            await claimer.ReleaseAsync(claimed.SelectMany(b => b).Select(c => c.EntryId).ToList(), CancellationToken.None);
            claimed.Clear();
        }
    }

    public void Dispose() => claiming.Dispose();

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!stop && !cancellationToken.IsCancellationRequested && !engine.IsUnauthorized)
        {
            var batch = await NextBatchAsync(cancellationToken);
            await using var partialTurn = batch.Count is > 0 and < SyncOptions.BatchSize ? await PartialTurnAsync(batch, cancellationToken) : null;
            if (batch.Count == 0 || (batch.Count < SyncOptions.BatchSize && partialTurn is null))
            {
                return;
            }

            // The run is created by the first worker that claims something, once: the others await the same task.
            var run = await runCreation!.Value;
            SyncRunContext.Current = run;
            engine.PushStarted(batch.Count);
            try
            {
                if (await pushBatch(batch, run, cancellationToken) is { } reason)
                {
                    lock (gate)
                    {
                        Error = reason;
                    }

                    stop = true;
                }
            }
            finally
            {
                engine.PushFinished(batch.Count);
            }

            run.AddProcessed(batch.Count);
            runs.Progress(run);
            if (partialTurn is not null)
            {
                exhausted = false; // partial batches given back while this one held the turn are this drain's to take now
            }
        }
    }

    /// <summary>What the run reserved first (a person's bulk push: <see cref="OutboxReservation"/>), then whatever is due.</summary>
    private async Task<IReadOnlyList<ClaimedEntry>> ClaimAsync(CancellationToken cancellationToken)
    {
        if (reservedFor is { } runId)
        {
            var reserved = await claimer.ClaimReservedAsync(runId, claimSize, cancellationToken);
            if (reserved.Count > 0)
            {
                return reserved;
            }

            reservedFor = null;
        }

        var claims = await claimer.ClaimAsync(claimSize, mayLinger, cancellationToken);
        exhausted = claims.Count < claimSize; // the rest is not due yet, lingers, or is claimed by another drain
        return AfterClaim is null || claims.Count == 0 ? claims : await AfterClaim(claims, cancellationToken);
    }

    /// <summary>
    /// The deployment's one turn for a partial batch, held until the batch is stored; null when another partial batch
    /// is in flight (the batch is then given back). A push a person asked for waits for the turn.
    /// </summary>
    private async Task<IAsyncDisposable?> PartialTurnAsync(IReadOnlyList<ClaimedEntry> batch, CancellationToken cancellationToken)
    {
        var turn = await locks.TryAcquireAsync(PostgresAdvisoryLock.PartialBatch, wait: !mayLinger, cancellationToken);
        if (turn is null)
        {
            await claimer.ReleaseAsync(batch.Select(c => c.EntryId).ToList(), CancellationToken.None);
        }

        return turn;
    }

    /// <summary>
    /// The next batch of the claims — claimed now when none is left; empty once nothing more is due — with the following
    /// claim started ahead once half a claim's batches remain (workers keep taking those while it runs).
    /// </summary>
    private async Task<IReadOnlyList<ClaimedEntry>> NextBatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Dequeue() is { } batch)
            {
                return batch;
            }

            await claiming.WaitAsync(cancellationToken);
            try
            {
                if (IsEmpty() && !exhausted)
                {
                    await RefillAsync(cancellationToken); // claims, or learns that nothing more is due (Dequeue then says so)
                }
            }
            finally
            {
                claiming.Release();
            }
        }
    }

    /// <summary>
    /// A queued batch, starting the next claim ahead when few remain; empty when none is queued and nothing more is due;
    /// null when none is queued but a claim may find more.
    /// </summary>
    private IReadOnlyList<ClaimedEntry>? Dequeue()
    {
        lock (queue)
        {
            if (!claimed.TryDequeue(out var batch))
            {
                return exhausted ? [] : null;
            }

            if (RunningLow() && claimAhead is null or { IsCompleted: true })
            {
                var token = workCancellation;
                claimAhead = Task.Run(() => ClaimAheadAsync(token), CancellationToken.None);
            }

            return batch;
        }
    }

    private bool IsEmpty()
    {
        lock (queue)
        {
            return claimed.Count == 0;
        }
    }

    /// <summary>Half a claim's batches or fewer wait, and more may be due.</summary>
    private bool RunningLow() => !exhausted && !stop && claimed.Count * SyncOptions.BatchSize <= claimSize / 2;

    /// <summary>
    /// A claim made while workers still have batches, unless one is already being made. Its failure is not the drain's:
    /// the claim is made again when the queue runs dry, and that claim's failure ends the drain as any worker's does.
    /// </summary>
    private async Task ClaimAheadAsync(CancellationToken cancellationToken)
    {
        if (!await claiming.WaitAsync(0, CancellationToken.None))
        {
            return;
        }

        try
        {
            bool low;
            lock (queue)
            {
                low = RunningLow();
            }

            if (low && !engine.IsUnauthorized)
            {
                await RefillAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // Made again when the queue runs dry (see above).
        }
        finally
        {
            claiming.Release();
        }
    }

    /// <summary>Claims the next entries into the queue, a batch per worker; called holding <see cref="claiming"/>.</summary>
    private async Task RefillAsync(CancellationToken cancellationToken)
    {
        if (await budget.SpentAsync(Run, cancellationToken) is { } spent)
        {
            Failed(spent); // the daily credit budget: nothing more is claimed
            exhausted = true;
            return;
        }

        var claims = await ClaimAsync(cancellationToken);
        lock (queue)
        {
            foreach (var chunk in claims.Chunk(SyncOptions.BatchSize))
            {
                claimed.Enqueue(chunk);
            }
        }
    }
}
