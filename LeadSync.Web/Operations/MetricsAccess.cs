using System.Net;
using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Operations;

/// <summary>
/// The gate in front of OpenTelemetry's Prometheus scraping endpoint (<c>/metrics</c>): a signed-in admin, a loopback
/// caller not behind a proxy (<c>Metrics:AllowLoopback</c>) or <c>Authorization: Bearer &lt;Metrics:Token&gt;</c>;
/// everyone else gets 401. An allowed scrape first samples the outbox depth, so the gauges are current.
/// </summary>
internal static class MetricsAccess
{
    /// <summary>Runs in the scraping endpoint's own pipeline, before the exporter.</summary>
    public static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!MayRead(context, options))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadSync metrics\"";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "Metrics need a signed-in admin, a loopback caller (Metrics:AllowLoopback) or 'Authorization: Bearer <Metrics:Token>'.\n",
                context.RequestAborted);
            return;
        }

        await context.RequestServices.GetRequiredService<OutboxDepthSampler>().SampleAsync(context.RequestAborted);
        await next(context);
    }

    private static bool MayRead(HttpContext context, MetricsOptions options)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        if (options.AllowLoopback && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return true;
        }

        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return !string.IsNullOrEmpty(options.Token)
            && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(authorization[bearer.Length..].Trim())),
                SHA256.HashData(Encoding.UTF8.GetBytes(options.Token)));
    }
}
