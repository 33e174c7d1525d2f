using LeadSync.Core.Security;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Diagnostics;

/// <summary>Metrics, the outbox sampler and API keys (the Core half of security and operations).</summary>
public static class DiagnosticsServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<LeadSyncMetrics>();
        services.AddSingleton<IZohoCallObserver, ZohoCallMetrics>();
        services.AddSingleton<OutboxDepthSampler>();
        services.AddSingleton<ApiKeys>();
        return services;
    }
}
