using System.Collections.Concurrent;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Wakes the follower of a Bulk Write job when Zoho's callback for it arrives, so the job is read at once rather than at
/// the next poll. Only a wake-up: what the job did is always read from Zoho (a callback's body is never trusted).
/// </summary>
public sealed class BulkWriteSignals
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> waiting = new();

    public void Signal(Guid jobId)
    {
        if (waiting.TryGetValue(jobId, out var signal) && signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    /// <summary>Waits for a signal for the job or until <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(Guid jobId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = waiting.GetOrAdd(jobId, _ => new SemaphoreSlim(0, 1));
        await signal.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>The job is no longer followed here.</summary>
    public void Forget(Guid jobId)
    {
        if (waiting.TryRemove(jobId, out var signal))
        {
            signal.Dispose();
        }
    }
}
