using LeadSync.Core.Zoho;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadSync.Web.Operations;

/// <summary>
/// Ready-with-Zoho: an access token can be obtained. A failure reports Degraded (the console and the outbox keep working;
/// pushes wait) with the kind of failure and Zoho's error code, never a token or secret.
/// </summary>
internal sealed class ZohoHealthCheck(IZohoClient zoho) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await zoho.EnsureAuthorizedAsync(timeout.Token);
            return HealthCheckResult.Healthy("A Zoho access token is available.");
        }
        catch (ZohoApiException ex)
        {
            return HealthCheckResult.Degraded($"Zoho refused authorization ({ex.Kind}, code {ex.Code}); pushes wait until it is fixed in Settings.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"Zoho did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded($"Zoho is not reachable or not configured ({ex.GetType().Name}).");
        }
    }
}
