using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Monitoring;

/// <summary>The console's read side over the sync engine (runs, dashboard, failures).</summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<SyncRunQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<FailureQueries>();
        return services;
    }
}
