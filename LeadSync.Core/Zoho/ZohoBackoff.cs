namespace LeadSync.Core.Zoho;

/// <summary>Exponential backoff with full jitter (§4.3, §7.13: 429 carries no Retry-After).</summary>
internal static class ZohoBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
#pragma warning restore CA5394
    }
}
