using System.Globalization;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// In front of every <c>/crm/v8</c> call: injected latency, the OAuth header (§1.6: missing → AUTHENTICATION_FAILURE,
/// unknown or expired → INVALID_TOKEN), the concurrency cap (§4.3) and the random 429 / 500 faults; every answer carries
/// the sandbox clock's <c>Date</c>.
/// </summary>
internal sealed class SandboxApiFilter(
    SandboxFaultInjector faults,
    SandboxTokenService tokens,
    SandboxCallLimiter limiter,
    TimeProvider timeProvider) : IEndpointFilter
{
    private const string Scheme = "Zoho-oauthtoken ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        // Zoho's clock, as Zoho's answers carry it: the same clock that stamps Modified_Time (LeadSync's pull relies on it).
        http.Response.Headers.Date = timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        using var lease = limiter.TryEnter();
        var settings = faults.Current;
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.LatencyMs), timeProvider, http.RequestAborted);
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return SandboxJson.Error(401, "AUTHENTICATION_FAILURE", "Authentication failed");
        }

        if (!tokens.IsValid(header[Scheme.Length..].Trim()))
        {
            return SandboxJson.Error(401, "INVALID_TOKEN", "invalid oauth token");
        }

        if (lease is null || faults.Draw(settings.TooManyRequestsRate))
        {
            return SandboxJson.Error(429, "TOO_MANY_REQUESTS", "The number of concurrent requests or the API credits limit has been exceeded");
        }

        if (faults.Draw(settings.ServerErrorRate))
        {
            return SandboxJson.Error(500, "INTERNAL_ERROR", "Internal Server Error");
        }

        return await next(context);
    }
}
