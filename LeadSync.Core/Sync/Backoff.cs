namespace LeadSync.Core.Sync;

/// <summary>
/// The outbox's exponential backoff with equal jitter: a random delay in [c/2, c] where c = min(cap, base × 2^(attempt−1)).
/// Half of each step is kept so a failed entry is never due again at once (with full jitter, [0, c], an entry held back
/// after a 429 could come back within milliseconds — another 429, or a push sent before the edit it was held for);
/// the other half spreads entries that failed together. The Zoho client's in-call retries keep full jitter (<c>ZohoBackoff</c>).
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
#pragma warning restore CA5394
    }
}
