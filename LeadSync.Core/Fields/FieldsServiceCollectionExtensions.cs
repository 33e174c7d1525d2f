using LeadSync.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Fields;

/// <summary>Registers Zoho's field metadata, the field mapping (<see cref="IMappedFields"/>), the backfill and the daily refresh job.</summary>
public static class FieldsServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncFields(this IServiceCollection services)
    {
        services.AddSingleton<MappedFields>();
        services.AddSingleton<IMappedFields>(sp => sp.GetRequiredService<MappedFields>());
        services.AddSingleton<FieldMetadataStore>();
        services.AddSingleton<FieldMetadataRefreshTrigger>();
        services.AddSingleton<Errors.FieldErrorQueries>();
        services.AddSingleton<FieldBackfill>();
        services.AddSingleton<FieldMappingService>();
        services.AddTransient<RefreshFieldMetadataJob>();
        return services;
    }
}
