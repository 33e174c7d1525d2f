using LeadSync.Core.Zoho;

namespace LeadSync.Core.Diagnostics;

/// <summary>
/// Feeds every Zoho call into <see cref="LeadSyncMetrics"/>: the credits Zoho says are left today and the outcome of
/// each access-token refresh (a call to the accounts server's token endpoint).
/// </summary>
public sealed class ZohoCallMetrics(LeadSyncMetrics metrics) : IZohoCallObserver
{
    private const string TokenPath = "/oauth/v2/token";

    public void OnCall(ZohoCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CreditsRemaining is { } remaining)
        {
            metrics.SetCreditsRemaining(remaining);
        }

        if (record.Path.EndsWith(TokenPath, StringComparison.Ordinal))
        {
            metrics.RecordTokenRefresh(record.ErrorCode is null);
        }
    }
}
