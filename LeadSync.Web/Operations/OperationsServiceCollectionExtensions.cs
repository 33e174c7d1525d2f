using System.Net;
using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Operations;

/// <summary>Health checks (<c>/healthz</c>, <c>/readyz</c>) and Prometheus metrics (<c>/metrics</c>).</summary>
internal static class OperationsServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddLeadSyncOperationsEndpoints(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ZohoHealthCheck>(); // one instance, so its cached result is shared by every caller
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ZohoHealthCheck>("zoho", tags: [ReadyTag]);
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExporter>());
        return services;
    }

    public static IEndpointRouteBuilder MapLeadSyncOperations(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process answers; no dependency is checked (a database outage must not restart the app).
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJsonWriter.WriteAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthJsonWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        endpoints.MapGet("/metrics", MetricsAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> MetricsAsync(
        HttpContext context, IOptions<MetricsOptions> options, OutboxDepthSampler sampler, PrometheusExporter exporter, CancellationToken cancellationToken)
    {
        if (!MayRead(context, options.Value))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadSync metrics\"";
            return TypedResults.Text("Metrics need a signed-in admin, a loopback caller (Metrics:AllowLoopback) or 'Authorization: Bearer <Metrics:Token>'.\n",
                "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized);
        }

        await sampler.SampleAsync(cancellationToken);
        return TypedResults.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8");
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
