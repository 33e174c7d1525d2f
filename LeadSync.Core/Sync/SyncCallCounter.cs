using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>Counts every Zoho call and its credits against the run it was made for, and notices 429s and when the client retries them.</summary>
public sealed class SyncCallCounter(EngineStateTracker engine) : IZohoCallObserver
{
    public void OnCall(ZohoCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        SyncRunContext.Current?.AddCall(record.Credits);
        if (record.Status == 429 || IsRateLimit(record.ErrorCode))
        {
            engine.RateLimited();
        }
        else if (record.Status is >= 200 and < 300)
        {
            engine.CallSucceeded();
        }
    }

    public void OnRetry(string? errorCode, TimeSpan delay)
    {
        if (IsRateLimit(errorCode))
        {
            engine.RateLimited(delay);
        }
    }

    private static bool IsRateLimit(string? errorCode) => string.Equals(errorCode, "TOO_MANY_REQUESTS", StringComparison.Ordinal);
}
