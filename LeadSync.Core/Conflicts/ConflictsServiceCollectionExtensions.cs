using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Conflicts;

/// <summary>Registers conflict handling: the queries, the one resolver and the one bulk path.</summary>
public static class ConflictsServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncConflicts(this IServiceCollection services)
    {
        services.AddSingleton<ConflictQueries>();
        services.AddSingleton<ConflictResolutionService>();
        services.AddSingleton<ConflictBulkResolver>();
        return services;
    }
}
