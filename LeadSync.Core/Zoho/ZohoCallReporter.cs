using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Zoho;

/// <summary>Tells every <see cref="IZohoCallObserver"/> and the log about each HTTP call to Zoho (token calls included).</summary>
internal sealed class ZohoCallReporter(IEnumerable<IZohoCallObserver> observers, ILogger<ZohoCallReporter> logger)
{
    private readonly IZohoCallObserver[] observers = observers.ToArray();

    public void Report(ZohoCallRecord record)
    {
        var durationMs = (long)record.Duration.TotalMilliseconds;
        if (record.ErrorCode is null)
        {
            ZohoLog.CallSucceeded(logger, record.Method, record.Path, record.Status, record.Records, record.Credits, durationMs);
        }
        else
        {
            ZohoLog.CallFailed(logger, record.Method, record.Path, record.Status, record.ErrorCode, record.Records, durationMs);
        }

        Tell(observer => observer.OnCall(record));
    }

    /// <summary>The client waits <paramref name="delay"/> before retrying a call that failed with <paramref name="errorCode"/>.</summary>
    public void Retrying(string? errorCode, TimeSpan delay) => Tell(observer => observer.OnRetry(errorCode, delay));

    private void Tell(Action<IZohoCallObserver> tell)
    {
        foreach (var observer in observers)
        {
            try
            {
                tell(observer);
            }
#pragma warning disable CA1031 // An observer's bug must not fail a Zoho call that already happened.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Zoho call observer {Observer} failed", observer.GetType().Name);
            }
        }
    }
}
