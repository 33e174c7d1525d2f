namespace LeadSync.Core.Sync;

/// <summary>Exponential backoff with full jitter: a random delay in [0, min(cap, base × 2^(attempt−1))].</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
