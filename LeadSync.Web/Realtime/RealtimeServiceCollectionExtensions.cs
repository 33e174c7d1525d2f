using LeadSync.Core.Data;
using LeadSync.Core.Sync.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Live console updates: the in-process relay components subscribe to, the <c>/hubs/sync</c> SignalR hub, and on
/// PostgreSQL the LISTEN/NOTIFY relay that carries events between instances (SQLite: in-process only).
/// </summary>
public static class RealtimeServiceCollectionExtensions
{
    public const string DataSourceKey = "LeadSync.Realtime";

    public static IServiceCollection AddLeadSyncRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLeadSyncLiveComponents();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSyncEvents>());
        services.AddSignalR();
        services.AddHostedService<SyncHubBroadcaster>();

        var provider = configuration.GetValue<DatabaseProvider?>($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}");
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddOptions<PostgresEventOptions>().BindConfiguration(PostgresEventOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton(DataSourceKey, (_, _) =>
            {
                // A separate small pool: the listener holds one connection for good; keep-alives notice a dead link.
                var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("LeadSync"))
                {
                    KeepAlive = 15, MaxPoolSize = 4, Enlist = false,
                };
                return NpgsqlDataSource.Create(builder.ConnectionString);
            });
            services.AddSingleton<PostgresEventRelay>();
            services.AddSingleton<ISyncEventRelay>(sp => sp.GetRequiredService<PostgresEventRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventRelay>());
            services.AddSingleton<PostgresEventListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventListener>());
        }

        return services;
    }

    /// <summary>What the live components inject from Web (the relay and the run tracker); no hosted services.</summary>
    public static IServiceCollection AddLeadSyncLiveComponents(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveRunTracker>();
        services.TryAddSingleton<LiveSyncEvents>();
        return services;
    }

    public static IEndpointRouteBuilder MapLeadSyncRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<SyncHub>(SyncHub.Path);
        return endpoints;
    }
}
