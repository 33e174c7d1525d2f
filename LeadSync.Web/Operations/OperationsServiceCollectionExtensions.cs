using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadSync.Web.Operations;

/// <summary>Health checks (<c>/healthz</c>, <c>/readyz</c>) and the Prometheus scraping endpoint (<c>/metrics</c>, see <see cref="MetricsAccess"/>).</summary>
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
        // OpenTelemetry's Prometheus exporter, behind the same access rules as before (MetricsAccess).
        endpoints.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, b => b.Use(MetricsAccess.GateAsync), optionsName: null)
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
