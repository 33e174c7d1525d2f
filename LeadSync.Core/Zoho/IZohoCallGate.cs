namespace LeadSync.Core.Zoho;

/// <summary>
/// Admits one Zoho API call at a time against a limit shared by every instance of the deployment (§4.3: the
/// concurrency limit is per org). The handle returned is disposed when the call has ended; the call ends, at the latest,
/// <paramref name="callTimeout"/> after it was admitted.
/// </summary>
public interface IZohoCallGate
{
    ValueTask<IAsyncDisposable> EnterAsync(TimeSpan callTimeout, CancellationToken cancellationToken);
}
