using LeadSync.Core.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LeadSync.Web.Operations;

/// <summary>
/// OpenTelemetry for metrics, traces and logs: LeadSync's meter and trace source plus the ASP.NET Core, HttpClient,
/// runtime and Npgsql instrumentations. Metrics are served for Prometheus at <c>/metrics</c>; OTLP export of all three
/// signals switches on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (and reads the other <c>OTEL_*</c> variables).
/// </summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddLeadSyncObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var observability = builder.Configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>() ?? new();

        // Console (and any) log lines written inside a span carry its trace and span ids.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("leadsync"))
            .WithMetrics(ConfigureMetrics)
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
        if (observability.Tracing)
        {
            otel.WithTracing(ConfigureTracing);
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    private static void ConfigureMetrics(MeterProviderBuilder metrics) => metrics
        .AddMeter(LeadSyncMetrics.MeterName)
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation()
        .AddNpgsqlInstrumentation()
        .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);

    private static void ConfigureTracing(TracerProviderBuilder tracing) => tracing
        .AddSource(SyncTelemetry.SourceName)
        .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsPath(context.Request.Path))
        .AddHttpClientInstrumentation()
        .AddNpgsql();

    /// <summary>
    /// Scrapes and probes are not traced: they would bury the requests that matter. Nor is the built-in sandbox's Zoho
    /// API: it stands in for Zoho, whose side of a call is not LeadSync's work (the client span records the call).
    /// </summary>
    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
        || path.StartsWithSegments("/sandbox/zoho");
}
