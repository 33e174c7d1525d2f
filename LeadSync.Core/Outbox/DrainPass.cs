using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Outbox;

/// <summary>
/// One drain of the outbox: its workers, the claims they share, the run that records them and why it stopped. Claims
/// are taken several batches at a time and handed out one batch per worker — one claim statement (and one read of the
/// values) per ten batches instead of per batch; whatever is still held when the drain ends is given back.
/// </summary>
internal sealed class DrainPass(
    OutboxClaimer claimer,
    SyncRunRecorder runs,
    EngineStateTracker engine,
    Func<IReadOnlyList<ClaimedEntry>, SyncRunContext, CancellationToken, Task<string?>> pushBatch,
    int workers) : IDisposable
{
    private readonly Queue<IReadOnlyList<ClaimedEntry>> claimed = new();
    private readonly SemaphoreSlim refill = new(1, 1);
    private readonly Lock gate = new();
    private readonly int claimSize = Math.Clamp(workers / 2, 1, 10) * SyncOptions.BatchSize;
    private Lazy<Task<SyncRunContext>>? runCreation;
    private bool mayLinger = true;
    private volatile bool stop;

    /// <summary>The run recording this drain: the caller's, or the one the first claiming worker started (null until then).</summary>
    public SyncRunContext? Run { get; private set; }

    /// <summary>Why the drain stopped early, if it did (a refusal of the credentials, a failure).</summary>
    public string? Error { get; private set; }

    /// <summary>Runs the workers until nothing is due, the drain must stop, or it is cancelled.</summary>
    public async Task RunAsync(SyncTrigger trigger, SyncRunContext? given, CancellationToken cancellationToken)
    {
        Run = given;
        mayLinger = given is null; // a run someone started (Push now) does not wait for company
        runCreation = new Lazy<Task<SyncRunContext>>(async () => Run = given ?? await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken));
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken)));
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

    public void Dispose() => refill.Dispose();

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!stop && !cancellationToken.IsCancellationRequested && !engine.IsUnauthorized)
        {
            var batch = await NextBatchAsync(cancellationToken);
            if (batch.Count == 0)
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
        }
    }

    private async Task<IReadOnlyList<ClaimedEntry>> NextBatchAsync(CancellationToken cancellationToken)
    {
        await refill.WaitAsync(cancellationToken);
        try
        {
            if (claimed.Count == 0)
            {
                foreach (var chunk in (await claimer.ClaimAsync(claimSize, mayLinger, cancellationToken)).Chunk(SyncOptions.BatchSize))
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
}
