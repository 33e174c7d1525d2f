using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>Counts every Zoho call and its credits against the run it was made for, and notices 429s.</summary>
public sealed class SyncCallCounter(EngineStateTracker engine) : IZohoCallObserver
{
    public void OnCall(ZohoCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        SyncRunContext.Current?.AddCall(record.Credits);
        if (record.Status == 429 || string.Equals(record.ErrorCode, "TOO_MANY_REQUESTS", StringComparison.Ordinal))
        {
            engine.RateLimited();
        }
        else if (record.Status is >= 200 and < 300)
        {
            engine.CallSucceeded();
        }
    }
}
