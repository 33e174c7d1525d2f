using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadSync.Web.Operations;

/// <summary>
/// Ready-with-Zoho: an access token can be obtained. <c>/readyz</c> is anonymous, so it must not drive Zoho's token
/// endpoint (10 token requests per 10 minutes, §1.4): while the engine knows Zoho refuses LeadSync's credentials it
/// reports that without a call (the engine's own probe checks for their return), and otherwise one check runs at most
/// every <see cref="CacheFor"/>, shared by every caller. A failure reports Degraded (the console and the outbox keep
/// working; pushes wait) with the kind of failure and Zoho's error code, never a token or secret.
/// </summary>
internal sealed class ZohoHealthCheck(IZohoClient zoho, EngineStateTracker engine, TimeProvider time) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (engine.IsUnauthorized)
        {
            return HealthCheckResult.Degraded($"Zoho refuses LeadSync's credentials ({engine.Detail}); pushes wait until it is fixed in Settings.");
        }

        if (Fresh() is { } cached)
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile;
            }

            var result = await CheckZohoAsync(cancellationToken);
            last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private HealthCheckResult? Fresh() => last is { } l && time.GetUtcNow() - l.At < CacheFor ? l.Result : null;

    private async Task<HealthCheckResult> CheckZohoAsync(CancellationToken cancellationToken)
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
