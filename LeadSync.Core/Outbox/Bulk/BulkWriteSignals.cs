using System.Collections.Concurrent;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Wakes the follower of a Bulk Write job when Zoho's callback for it arrives, so the job is read at once rather than at
/// the next poll. Only a wake-up: what the job did is always read from Zoho (a callback's body is never trusted).
/// </summary>
public sealed class BulkWriteSignals
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> waiting = new();

    /// <summary>Wakes the job's follower; a signal that comes before the follower waits is kept for its next wait.</summary>
    public void Signal(Guid jobId)
    {
        var signal = waiting.GetOrAdd(jobId, _ => new SemaphoreSlim(0, 1));
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
        catch (ObjectDisposedException)
        {
            // the job is no longer followed here
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
