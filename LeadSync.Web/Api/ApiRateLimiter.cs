using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Api;

/// <summary>
/// The REST API's rate limit: <c>Api:RateLimitPermits</c> calls per <c>Api:RateLimitWindowSeconds</c> for each API key
/// (each caller address when there is no key), over the fixed windows of System.Threading.RateLimiting. The app owns
/// the limiter and disposes it when it stops: ASP.NET Core's rate-limiting middleware never disposes the limiter it
/// builds, whose timer then keeps a stopped app reachable (dotnet/aspnetcore#66434) — the test suite, which starts
/// hundreds of apps in one process, grew to 23 GB and was killed.
/// </summary>
public sealed class ApiRateLimiter : IAsyncDisposable, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter;

    public ApiRateLimiter(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = options.Value;
        limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            PartitionKey(context),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = api.RateLimitPermits,
                Window = TimeSpan.FromSeconds(api.RateLimitWindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>One permit for this call, or a refused lease that says when to come back.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context, CancellationToken cancellationToken) =>
        limiter.AcquireAsync(context, 1, cancellationToken);

    /// <summary>Whole seconds until a refused caller may call again (at least one).</summary>
    public static string RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => limiter.DisposeAsync();

    /// <summary>For a host disposed synchronously (a container refuses to dispose an async-only service that way).</summary>
    public void Dispose() => limiter.Dispose();

    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
