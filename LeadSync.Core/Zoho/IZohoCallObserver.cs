namespace LeadSync.Core.Zoho;

/// <summary>
/// Told about every Zoho API call the client makes (token calls included, with <c>Credits</c> 0): the sync engine
/// counts calls and credits per run, metrics count them per code, the engine indicator shows rate limiting and when
/// the client calls again.
/// </summary>
public interface IZohoCallObserver
{
    void OnCall(ZohoCallRecord record);

    /// <summary>The client retries a call that failed with <paramref name="errorCode"/> after <paramref name="delay"/>.</summary>
    void OnRetry(string? errorCode, TimeSpan delay)
    {
    }
}
